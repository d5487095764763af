/** xtables exit codes (enum xtables_exittype). */
export const OTHER_PROBLEM = 1;
export const PARAMETER_PROBLEM = 2;
export const VERSION_PROBLEM = 3;
export const RESOURCE_PROBLEM = 4;

/**
 * xtables_error(): a message and an exit status. `plain` messages are
 * printed as is (the `iptables: ...` family); the others get the
 * `PROG v1.8.9 (nf_tables): ` prefix, and a parameter problem adds the
 * `Try ... --help` hint.
 */
export class XtError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly plain = false,
    /** Printed without the program prefix but with the `Try` hint (`Bad argument`). */
    readonly bare = false,
  ) {
    super(message);
  }
}

export const paramError = (message: string): XtError => new XtError(PARAMETER_PROBLEM, message);

/** A parameter problem printed without the `PROG v1.8.9 (nf_tables): ` prefix. */
export const bareParamError = (message: string): XtError =>
  new XtError(PARAMETER_PROBLEM, message, false, true);

/** exit_tryhelp(2): only the `Try ...` hint (iptables given -6). */
export const tryHelpError = (): XtError => new XtError(PARAMETER_PROBLEM, '', false, true);
