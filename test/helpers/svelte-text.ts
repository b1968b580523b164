/**
 * Finds text a person would read that is written into a Svelte component's markup rather than
 * taken from the dictionary: text nodes and user-visible attributes (title, placeholder,
 * aria-label, alt, label...) with Latin letters outside `{...}` expressions. Script and style
 * blocks, comments and `<code>` (paths and commands, not prose) are not read.
 */

/** Attributes whose value is shown or read aloud to people. */
export const VISIBLE_ATTRIBUTES = new Set(['title', 'placeholder', 'aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'alt', 'label']);

export interface HardcodedText {
  line: number;
  /** 'text' or the attribute's name. */
  where: string;
  text: string;
}

/** Replaces a block with as many newlines as it spans, so line numbers stay right. */
function blank(source: string, re: RegExp): string {
  return source.replace(re, (m) => m.replace(/[^\n]/g, ' '));
}

/** Index just past the `}` closing the `{` at `start`, skipping strings and template literals. */
function skipExpression(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    } else if (c === "'" || c === '"') {
      i = s.indexOf(c, i + 1);
      if (i < 0) return s.length;
    } else if (c === '`') {
      for (i++; i < s.length && s[i] !== '`'; i++) {
        if (s[i] === '\\') i++;
        else if (s[i] === '$' && s[i + 1] === '{') i = skipExpression(s, i + 1) - 1;
      }
    }
  }
  return s.length;
}

/** Latin words in a piece of literal text, entities removed, less the allowed ones. */
function words(text: string, allowed: ReadonlySet<string>): string[] {
  return (text.replace(/&[a-zA-Z]+;|&#\d+;/g, ' ').match(/[A-Za-z]+/g) ?? []).filter((w) => !allowed.has(w));
}

/** Every piece of hard-coded Latin text in a component's markup; `allowed` words (a brand, a unit) pass. */
export function findHardcodedText(source: string, allowed: ReadonlySet<string>): HardcodedText[] {
  const s = blank(blank(blank(source, /<(script|style)\b[\s\S]*?<\/\1>/g), /<!--[\s\S]*?-->/g), /<code\b[^>]*>[\s\S]*?<\/code>/g);
  const found: HardcodedText[] = [];
  const lineAt = (i: number) => s.slice(0, i).split('\n').length;
  let text = '';
  let textStart = 0;
  const flush = () => {
    const w = words(text, allowed);
    if (w.length) found.push({ line: lineAt(textStart), where: 'text', text: text.trim() });
    text = '';
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '{') {
      flush();
      i = skipExpression(s, i);
      textStart = i;
    } else if (c === '<' && /[A-Za-z/!]/.test(s[i + 1] ?? '')) {
      flush();
      i = readTag(s, i, (name, value, at) => {
        if (VISIBLE_ATTRIBUTES.has(name.toLowerCase()) && words(value, allowed).length) found.push({ line: lineAt(at), where: name, text: value });
      });
      textStart = i;
    } else {
      if (!text) textStart = i;
      text += c;
      i++;
    }
  }
  flush();
  return found;
}

/** Reads a tag from `<` to its `>`, reporting each quoted attribute with its `{...}` parts removed; returns the index after it. */
function readTag(s: string, start: number, onAttribute: (name: string, literal: string, at: number) => void): number {
  let i = start + 1;
  while (i < s.length && s[i] !== '>') {
    if (s[i] === '{') {
      i = skipExpression(s, i);
      continue;
    }
    const attr = /^([A-Za-z_:@][\w:.@-]*)\s*=\s*(["'])/.exec(s.slice(i));
    if (attr && /\s/.test(s[i - 1])) {
      const quote = attr[2];
      let j = i + attr[0].length;
      let literal = '';
      while (j < s.length && s[j] !== quote) {
        if (s[j] === '{') j = skipExpression(s, j);
        else literal += s[j++];
      }
      onAttribute(attr[1], literal, i);
      i = j + 1;
      continue;
    }
    i++;
  }
  return i + 1;
}
