// Text arriving in chunks (a browser File's stream, decoded) cut into lines as node's readline
// cuts a file (src/cli/text-lines.ts): breaks are \n, \r\n or \r, a break split across two chunks
// is one break, a last line without a break is a line, and a UTF-8 byte-order mark is dropped.

export async function* splitLines(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<string> {
  const breaks = /\r\n|\r|\n/g;
  let rest = '';
  let first = true;
  /** The last chunk ended in \r: a \n opening the next one belongs to that break. */
  let afterCr = false;
  for await (const chunk of chunks) {
    if (chunk === '') continue;
    const text: string = rest + (afterCr && chunk.startsWith('\n') ? chunk.slice(1) : chunk);
    afterCr = false;
    let start = 0;
    breaks.lastIndex = 0;
    for (let match = breaks.exec(text); match !== null; match = breaks.exec(text)) {
      const line = text.slice(start, match.index);
      yield first && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
      first = false;
      start = match.index + match[0].length;
      afterCr = start === text.length && match[0] === '\r';
    }
    rest = text.slice(start);
  }
  if (rest !== '') yield first && rest.charCodeAt(0) === 0xfeff ? rest.slice(1) : rest;
}
