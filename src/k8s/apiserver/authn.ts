/**
 * Bearer-token authentication from a static token file, as kube-apiserver's
 * `--token-file` (k8s.io/apiserver/pkg/authentication/token/tokenfile and
 * request/bearertoken): a CSV of `token,user,uid[,"group1,group2"]`.
 */

/** Who a request is, as user.Info. */
export interface UserInfo {
  name: string;
  uid: string;
  groups: string[];
}

export type TokenTable = ReadonlyMap<string, UserInfo>;

export class TokenFileError extends Error {}

/** One CSV record per line as Go's encoding/csv reads it: quoted fields may hold commas and `""`. */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let inQuotes = false;
  const endRecord = () => {
    record.push(field);
    // encoding/csv skips empty lines.
    if (!(record.length === 1 && record[0] === '' && !quoted)) records.push(record);
    [record, field, quoted] = [[], '', false];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') inQuotes = false;
      else field += c;
    } else if (c === '"' && field === '') [inQuotes, quoted] = [true, true];
    else if (c === ',') [record, field] = [[...record, field], ''];
    else if (c === '\n') endRecord();
    else if (c !== '\r' || text[i + 1] !== '\n') field += c;
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/** Parse a token file; a record with fewer than three columns fails the whole file, as kube-apiserver refuses to start. */
export function parseTokenFile(text: string, path: string): TokenTable {
  const tokens = new Map<string, UserInfo>();
  for (const record of csvRecords(text)) {
    if (record.length < 3)
      throw new TokenFileError(
        `token file '${path}' must have at least 3 columns (token, user name, user uid), found ${record.length}`,
      );
    // An empty token is skipped (with a warning on the real server); a duplicate one wins.
    if (record[0] === '') continue;
    tokens.set(record[0], {
      name: record[1],
      uid: record[2],
      groups: record.length >= 4 ? record[3].split(',') : [],
    });
  }
  return tokens;
}

export const ANONYMOUS: UserInfo = { name: 'system:anonymous', uid: '', groups: ['system:unauthenticated'] };

/**
 * The user behind an `Authorization` header: a known token's user (plus
 * `system:authenticated`), `anonymous` when no bearer token was sent, or
 * `invalid` for a token the file does not hold (401 even when anonymous
 * requests are allowed, since a failed authenticator is an error).
 */
export function authenticateBearer(
  header: string | undefined,
  tokens: TokenTable,
): { user: UserInfo } | 'anonymous' | 'invalid' {
  const auth = (header ?? '').trim();
  const parts = auth.split(' ');
  if (parts.length < 2 || parts[0].toLowerCase() !== 'bearer' || parts[1] === '') return 'anonymous';
  const user = tokens.get(parts[1]);
  if (!user) return 'invalid';
  const groups = user.groups.includes('system:authenticated')
    ? user.groups
    : [...user.groups, 'system:authenticated'];
  return { user: { ...user, groups } };
}
