import { foldText, foldWithMap } from '../../../../shared/fold.ts';

/** The text with every occurrence of `query` marked, ignoring case and accents ("jose" marks "José"). */
export function Highlight({ text, query }: { text: string; query: string }) {
  const needle = foldText(query.trim());
  if (needle === '') return <>{text}</>;
  const parts: { text: string; match: boolean }[] = [];
  const { folded, from: origin } = foldWithMap(text);
  let from = 0;
  for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + needle.length)) {
    // Back to the original's characters: a folded match starts and ends on whole characters of the text.
    const start = origin[at]!;
    const end = origin[at + needle.length] ?? text.length;
    if (start < from) continue;
    if (start > from) parts.push({ text: text.slice(from, start), match: false });
    parts.push({ text: text.slice(start, end), match: true });
    from = end;
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false });
  return <>{parts.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}</>;
}
