import type { MessageKey } from '../../i18n/en';
import type { TFunction } from '../../i18n';
import type { Stage } from '../../api/types';

const known = ['New Lead', 'Contacted', 'Qualified', 'Proposal Sent', 'Negotiation', 'Won', 'Lost'];

export function stageName(t: TFunction, stage: Pick<Stage, 'name'> | null | undefined): string {
  const name = stage?.name ?? '';
  return known.includes(name) ? t(`stage.${name}` as MessageKey) : name;
}

export function isLostStage(stage: Pick<Stage, 'name' | 'isTerminal'> | null | undefined): boolean {
  return !!stage && stage.isTerminal === true && stage.name === 'Lost';
}
