/** A bad cluster file: where (file and line), which object, and what is wrong. Nothing is built. */
export class ClusterError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    /** `Kind ns/name`, or '' for file-level problems (YAML syntax). */
    readonly object: string,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${object ? `${object}: ` : ''}${reason}`);
    this.name = 'ClusterError';
  }
}
