/**
 * What stays in the note box once a note was saved: only what was sent goes. Typing on while it was being saved
 * (the box still holds the sent text and more, or something else) keeps the new words.
 */
export function draftAfterSaving(now: string, sent: string): string {
  if (now === sent) return '';
  if (sent && now.startsWith(sent)) return now.slice(sent.length).replace(/^\s+/, '');
  return now;
}
