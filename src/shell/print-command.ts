import type { Assign, Command, List, Redir, Word, WordPart } from './ast.js';

/**
 * A command as bash prints it back (make_command_string in print_cmd.c):
 * what `jobs` shows for a job. Words keep the text they were written
 * with (the parser records it here); compound commands are re-laid out
 * the way bash does (`( a; b )`, `{ a; b; }`, `if c; then` over lines).
 */
const SOURCE = new WeakMap<Word | Assign, string>();

/** Records the text a word or assignment was written with (called by the parser). */
export function rememberSource(node: Word | Assign, raw: string): void {
  SOURCE.set(node, raw);
}

/** The stages of a command as `jobs -l` lists them: one per process of a pipeline. */
export function commandStages(cmd: Command): string[] {
  if (cmd.type === 'pipeline' && !cmd.bang && cmd.commands.length > 1)
    return cmd.commands.map((c, i) => (i === 0 ? '' : '| ') + commandText(c, ''));
  return [commandText(cmd, '')];
}

/** One command as make_command_string prints it; `indent` is the depth of nested bodies. */
export function commandText(cmd: Command, indent: string): string {
  switch (cmd.type) {
    case 'simple': {
      const words = [
        ...cmd.assigns.map((a) => SOURCE.get(a) ?? `${a.name}${a.append ? '+=' : '='}${wordText(a.value)}`),
        ...cmd.words.map(wordText),
        ...cmd.redirs.map(redirText),
      ];
      return words.join(' ');
    }
    case 'pipeline':
      return (cmd.bang ? '! ' : '') + cmd.commands.map((c) => commandText(c, indent)).join(' | ');
    case 'andor':
      return [
        commandText(cmd.first, indent),
        ...cmd.rest.map((r) => `${r.op} ${commandText(r.command, indent)}`),
      ].join(' ');
    case 'list':
      return listText(cmd, indent);
    case 'subshell':
      return `( ${listText(cmd.body, indent)} )${redirsText(cmd.redirs)}`;
    case 'group':
      return `{ ${listText(cmd.body, indent)}; }${redirsText(cmd.redirs)}`;
    case 'if': {
      const inner = indent + '    ';
      let s = '';
      cmd.clauses.forEach((c, i) => {
        s += `${i === 0 ? 'if' : `\n${indent}elif`} ${listText(c.cond, indent)}; then\n${inner}${bodyText(c.body, inner)}`;
      });
      if (cmd.otherwise) s += `\n${indent}else\n${inner}${bodyText(cmd.otherwise, inner)}`;
      return `${s}\n${indent}fi${redirsText(cmd.redirs)}`;
    }
    case 'while': {
      const inner = indent + '    ';
      const head = `${cmd.until ? 'until' : 'while'} ${listText(cmd.cond, indent)}; do`;
      return `${head}\n${inner}${bodyText(cmd.body, inner)}\n${indent}done${redirsText(cmd.redirs)}`;
    }
    case 'for': {
      const inner = indent + '    ';
      const list = cmd.words ? ` in ${cmd.words.map(wordText).join(' ')}` : '';
      return `for ${cmd.name}${list};\ndo\n${inner}${bodyText(cmd.body, inner)}\n${indent}done${redirsText(cmd.redirs)}`;
    }
    default:
      return cmd.type;
  }
}

/** Items of a list: `a; b`, or `a & b` after a background item. */
function listText(list: List, indent: string): string {
  let s = '';
  list.items.forEach((item, i) => {
    s += commandText(item.command, indent);
    if (item.background) s += ' &';
    if (i < list.items.length - 1) s += item.background ? ' ' : '; ';
  });
  return s;
}

/** A body inside if/while/for: one command a line, each ended with `;` (or `&`). */
function bodyText(list: List, indent: string): string {
  return list.items
    .map((item) => commandText(item.command, indent) + (item.background ? ' &' : ';'))
    .join(`\n${indent}`);
}

const redirsText = (redirs: Redir[]) => redirs.map((r) => ' ' + redirText(r)).join('');

/** print_redirection: the fd only where it is not the operator's default; `N>&M` without a blank. */
function redirText(r: Redir): string {
  const defaultFd = r.op.startsWith('<') ? 0 : 1;
  const fd = r.fd !== null && r.fd !== defaultFd ? String(r.fd) : '';
  if (r.op === '>&' || r.op === '<&') return `${fd}${r.op}${wordText(r.target)}`;
  if (r.heredoc) return `${fd}${r.op}${wordText(r.target)}`;
  return `${fd}${r.op} ${wordText(r.target)}`;
}

export function wordText(word: Word): string {
  return SOURCE.get(word) ?? word.parts.map((p) => partText(p, false)).join('');
}

function partText(p: WordPart, inDq: boolean): string {
  switch (p.type) {
    case 'lit':
      return p.text;
    case 'quoted':
      return inDq ? p.text : `'${p.text}'`;
    case 'dq':
      return `"${p.parts.map((q) => partText(q, true)).join('')}"`;
    case 'param':
      return p.op ? `\${${p.name}}` : `$${p.name}`;
    case 'cmdsub':
      return `$(${listText(p.body, '')})`;
    case 'procsub':
      return `<(${listText(p.body, '')})`;
    case 'arith':
      return `$((${wordText(p.expr)}))`;
  }
}
