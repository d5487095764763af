/** The shell's syntax tree: what the parser produces and the interpreter walks. */

export type WordPart =
  /** Unquoted literal text (not subject to field splitting). */
  | { type: 'lit'; text: string }
  /** Quoted text ('...', \x, $'...'): literal, never split. */
  | { type: 'quoted'; text: string }
  | { type: 'dq'; parts: WordPart[] }
  /** `bare`: written `$NAME`, without braces (brace expansion may join it to the text after it). */
  | { type: 'param'; name: string; op?: ParamOp; bare?: true; index?: Subscript }
  | { type: 'cmdsub'; body: List }
  /** `<(LIST)`: a path to read LIST's output from (`>(LIST)`, writing to it, is not emulated). */
  | { type: 'procsub'; body: List }
  | { type: 'arith'; expr: Word };

/** An array subscript: `[@]`, `[*]`, or an arithmetic expression. */
export type Subscript = '@' | '*' | Word;

/** `${NAME<op>...}` forms. */
export type ParamOp =
  | { kind: 'length' }
  | { kind: 'default' | 'assign' | 'alt' | 'error'; colon: boolean; word: Word }
  | { kind: 'trim'; side: 'prefix' | 'suffix'; longest: boolean; pattern: Word }
  | { kind: 'replace'; all: boolean; anchor: '' | '#' | '%'; pattern: Word; replacement: Word }
  | { kind: 'substr'; offset: Word; length: Word | null }
  | { kind: 'case'; upper: boolean; all: boolean }
  | { kind: 'indirect' };

export interface Word {
  parts: WordPart[];
  /** `NAME=(WORD...)` as the lexer read it: the words between the parentheses. */
  array?: Word[];
}

export type RedirOp = '<' | '>' | '>>' | '>|' | '<<' | '<<-' | '<<<' | '>&' | '<&' | '&>' | '&>>' | '<>';

export interface Redir {
  fd: number | null;
  op: RedirOp;
  target: Word;
  /** Here-doc body; `quoted` when the delimiter was quoted (no expansion). */
  heredoc?: { body: Word; quoted: boolean };
}

export interface Assign {
  name: string;
  append: boolean;
  value: Word;
  /** `NAME[SUB]=value`: the element's subscript (an arithmetic expression). */
  index?: Word;
  /** `NAME=(WORD...)`: the array's words (value is then empty). */
  array?: Word[];
}

export interface SimpleCommand {
  type: 'simple';
  line: number;
  assigns: Assign[];
  words: Word[];
  redirs: Redir[];
  /**
   * `local|declare|typeset|readonly|export NAME=(...)`: the builtin gets
   * NAME among its words, then the array is assigned, in its scope.
   */
  declArrays?: Assign[];
}

export interface Pipeline {
  type: 'pipeline';
  line: number;
  bang: boolean;
  /** `|&` after a stage pipes stderr too. */
  commands: Command[];
  stderrToo: boolean[];
}

export interface AndOr {
  type: 'andor';
  line: number;
  first: Command;
  rest: { op: '&&' | '||'; command: Command }[];
}

export interface List {
  type: 'list';
  line: number;
  items: { command: Command; background: boolean }[];
}

export interface Compound {
  redirs: Redir[];
  line: number;
}

export interface If extends Compound {
  type: 'if';
  clauses: { cond: List; body: List }[];
  otherwise: List | null;
}

export interface For extends Compound {
  type: 'for';
  name: string;
  words: Word[] | null;
  body: List;
}

export interface ArithFor extends Compound {
  type: 'arithfor';
  init: Word;
  cond: Word;
  step: Word;
  body: List;
}

export interface While extends Compound {
  type: 'while';
  until: boolean;
  cond: List;
  body: List;
}

export interface Case extends Compound {
  type: 'case';
  word: Word;
  items: { patterns: Word[]; body: List; fallthrough: ';;' | ';&' | ';;&' }[];
}

export interface Group extends Compound {
  type: 'group' | 'subshell';
  body: List;
}

export interface ArithCommand extends Compound {
  type: 'arithcmd';
  expr: Word;
}

export type CondExpr =
  | { kind: 'and' | 'or'; left: CondExpr; right: CondExpr }
  | { kind: 'not'; expr: CondExpr }
  | { kind: 'unary'; op: string; arg: Word }
  | { kind: 'binary'; op: string; left: Word; right: Word }
  | { kind: 'word'; word: Word };

export interface CondCommand extends Compound {
  type: 'cond';
  expr: CondExpr;
}

export interface FunctionDef {
  type: 'function';
  line: number;
  name: string;
  body: Command;
}

export type Command =
  | SimpleCommand
  | Pipeline
  | AndOr
  | List
  | If
  | For
  | ArithFor
  | While
  | Case
  | Group
  | ArithCommand
  | CondCommand
  | FunctionDef;

export const word = (...parts: WordPart[]): Word => ({ parts });
