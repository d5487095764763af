/**
 * bash's shopt options: each one's value in a fresh `bash script.sh`
 * (bash 5.2 on the reference machine, as `shopt` printed them), and the
 * builtin that reads and sets them. Of their effects, pathname expansion's
 * are emulated (dotglob, failglob, nocaseglob, nullglob; globskipdots is
 * always on); the others are kept and printed only.
 */
import type { Builtin } from './builtins.js';

const DEFAULTS_TEXT =
  'autocd:off assoc_expand_once:off cdable_vars:off cdspell:off checkhash:off checkjobs:off ' +
  'checkwinsize:on cmdhist:on compat31:off compat32:off compat40:off compat41:off compat42:off ' +
  'compat43:off compat44:off complete_fullquote:on direxpand:off dirspell:off dotglob:off ' +
  'execfail:off expand_aliases:off extdebug:off extglob:off extquote:on failglob:off ' +
  'force_fignore:on globasciiranges:on globskipdots:on globstar:off gnu_errfmt:off ' +
  'histappend:off histreedit:off histverify:off hostcomplete:on huponexit:off ' +
  'inherit_errexit:off interactive_comments:on lastpipe:off lithist:off localvar_inherit:off ' +
  'localvar_unset:off login_shell:off mailwarn:off no_empty_cmd_completion:off nocaseglob:off ' +
  'nocasematch:off noexpand_translation:off nullglob:off patsub_replacement:on progcomp:on ' +
  'progcomp_alias:off promptvars:on restricted_shell:off shift_verbose:off sourcepath:on ' +
  'varredir_close:off xpg_echo:off';

/** A fresh shell's options, in `shopt`'s order. */
export function defaultShopts(): Map<string, boolean> {
  return new Map(
    DEFAULTS_TEXT.split(' ').map((pair) => {
      const [name, value] = pair.split(':');
      return [name, value === 'on'] as const;
    }),
  );
}

/** `shopt [-pqsu] [optname ...]`. */
export const shopt: Builtin = async (sh, argv, ctx) => {
  let set: boolean | null = null;
  let quiet = false;
  let print = false;
  let i = 1;
  for (; i < argv.length && /^-./.test(argv[i]); i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    for (const f of a.slice(1)) {
      if (f === 's') set = true;
      else if (f === 'u') set = false;
      else if (f === 'q') quiet = true;
      else if (f === 'p') print = true;
      else {
        sh.error(ctx, `shopt: -${f}: invalid option`);
        ctx.fds.stderr.write('shopt: usage: shopt [-pqsu] [-o] [optname ...]\n');
        return 2;
      }
    }
  }
  const options = sh.state.shopts;
  const names = argv.slice(i);
  let status = 0;
  for (const name of names)
    if (!options.has(name)) {
      sh.error(ctx, `shopt: ${name}: invalid shell option name`);
      status = 1;
    }
  const known = names.filter((n) => options.has(n));
  if (set !== null) {
    if (names.length === 0) return listed(sh.state.shopts, set, print, ctx);
    for (const name of known) options.set(name, set);
    return status;
  }
  const shown = names.length > 0 ? known : [...options.keys()];
  let out = '';
  for (const name of shown) {
    const on = options.get(name)!;
    if (!on && names.length > 0) status = 1;
    if (quiet) continue;
    out += print ? `shopt ${on ? '-s' : '-u'} ${name}\n` : `${name.padEnd(15)}\t${on ? 'on' : 'off'}\n`;
  }
  ctx.fds.stdout.write(out);
  return status;
};

/** `shopt -s` or `shopt -u` alone: the options that are on (off), listed. */
function listed(
  options: ReadonlyMap<string, boolean>,
  on: boolean,
  print: boolean,
  ctx: Parameters<Builtin>[2],
): number {
  let out = '';
  for (const [name, value] of options)
    if (value === on)
      out += print ? `shopt ${on ? '-s' : '-u'} ${name}\n` : `${name.padEnd(15)}\t${on ? 'on' : 'off'}\n`;
  ctx.fds.stdout.write(out);
  return 0;
}
