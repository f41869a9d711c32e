import { describe, expect, it } from 'vitest';
import { checkNewDeal } from './newDealRules';

describe('checkNewDeal', () => {
  it('asks for the lead and the title of an empty form', () => {
    expect(checkNewDeal({ leadId: '', title: '  ', value: '' })).toEqual({ ok: false, errors: { leadId: 'srv.required', title: 'srv.required' } });
  });
  it('refuses letters in the value instead of creating R$ 0,00', () => {
    expect(checkNewDeal({ leadId: '7', title: 'Revisão', value: 'abc' })).toEqual({ ok: false, errors: { value: 'money.invalid' } });
  });
  it('says what is wrong with the value', () => {
    expect(checkNewDeal({ leadId: '7', title: 'Revisão', value: '-10' })).toEqual({ ok: false, errors: { value: 'money.negative' } });
    expect(checkNewDeal({ leadId: '7', title: 'Revisão', value: '10,555' })).toEqual({ ok: false, errors: { value: 'srv.twoDecimals' } });
    expect(checkNewDeal({ leadId: '7', title: 'Revisão', value: '10.000.000.000' })).toEqual({ ok: false, errors: { value: 'srv.valueRange' } });
  });
  it('sends a complete form with the value read the Brazilian way; empty is zero', () => {
    expect(checkNewDeal({ leadId: '7', title: 'Revisão', value: 'R$ 1.234,56' })).toEqual({ ok: true, value: 1234.56 });
    expect(checkNewDeal({ leadId: '7', title: 'Revisão', value: '' })).toEqual({ ok: true, value: 0 });
  });
});
