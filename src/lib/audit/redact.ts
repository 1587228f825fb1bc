/**
 * Redaction of a config's launch details. Env values and header values are never kept at all
 * (only their names); what is shown of a command's arguments and of a URL goes through here, so
 * tokens passed as `--api-key=...`, `--token X`, `KEY=value`, `Authorization: Bearer ...`, URL
 * credentials, query values and token-like path segments or arguments never reach any output.
 */

/** What replaces a secret. */
export const REDACTED = '<redacted>';

/** A flag or variable name that carries a secret. */
const SECRET_NAME = /(?:key|token|secret|passw(?:or)?d|pwd|pass|auth|credential|bearer|session|cookie|private|signature|sig|jwt|dsn|conn(?:ection)?[-_]?str)/i;

/** Prefixes of well-known token formats. */
const TOKEN_PREFIX = /^(?:gh[pousr]_|github_pat_|glpat-|xox[abposr]-|sk-|sk_|pk_|rk_|AKIA|ASIA|AIza|ya29\.|eyJ|npm_|pypi-|hf_|dop_v1_|lin_api_|ntn_|secret_|Bearer\s)/;

/** Whether a standalone value looks like a token (a known prefix, or long, mixed and unstructured). */
export function looksLikeToken(value: string): boolean {
  if (TOKEN_PREFIX.test(value)) return true;
  if (value.length < 20 || /[\s/\\.@:]/.test(value)) return false;
  if (!/^[A-Za-z0-9_\-+=]+$/.test(value)) return false;
  return /[0-9]/.test(value) && /[A-Za-z]/.test(value);
}

/** Whether `name` (a flag, variable, header or query parameter name) names a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** A URL with credentials, query values and token-like path segments replaced; `undefined` if unparsable. */
export function redactUrl(raw: string): string | undefined {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return undefined;
  }
  const userinfo = u.username || u.password ? `${REDACTED}@` : '';
  const path = u.pathname
    .split('/')
    .map((seg) => {
      let dec = seg;
      try {
        dec = decodeURIComponent(seg);
      } catch {
        /* keep as is */
      }
      return looksLikeToken(dec) ? REDACTED : seg;
    })
    .join('/');
  const params = [...u.searchParams.keys()];
  const query = params.length > 0 ? `?${[...new Set(params)].map((k) => `${encodeURIComponent(k)}=${REDACTED}`).join('&')}` : '';
  const host = u.host;
  const opaque = !host && u.protocol !== 'file:';
  if (opaque) return `${u.protocol}${REDACTED}`;
  return `${u.protocol}//${userinfo}${host}${path}${query}${u.hash ? '#…' : ''}`;
}

const URLISH = /^[a-z][a-z0-9+.-]*:\/\//i;

function redactValue(value: string): string {
  if (URLISH.test(value)) return redactUrl(value) ?? REDACTED;
  return looksLikeToken(value) ? REDACTED : value;
}

/**
 * The arguments as they may be shown. A flag whose name names a secret loses its value (inline
 * `--x=v` or the next argument), `NAME=value` assignments lose their value, header-like
 * `Name: value` arguments lose their value, URLs are redacted, and token-like arguments are replaced.
 */
export function redactArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  let hideNext = false;
  for (const arg of args) {
    if (hideNext) {
      hideNext = false;
      if (!arg.startsWith('-')) {
        out.push(REDACTED);
        continue;
      }
    }
    const flag = /^(--?[A-Za-z0-9][A-Za-z0-9_.-]*)(?:=(.*))?$/s.exec(arg);
    if (flag) {
      const [, name = '', value] = flag;
      if (value !== undefined) out.push(isSecretName(name) ? `${name}=${REDACTED}` : `${name}=${redactValue(value)}`);
      else {
        out.push(arg);
        if (isSecretName(name)) hideNext = true;
      }
      continue;
    }
    const assign = /^([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/s.exec(arg);
    if (assign) {
      out.push(`${assign[1]}=${REDACTED}`);
      continue;
    }
    const header = /^([A-Za-z][A-Za-z0-9-]*):\s*(\S.*)$/s.exec(arg);
    if (header && !URLISH.test(arg)) {
      out.push(`${header[1]}: ${REDACTED}`);
      continue;
    }
    out.push(redactValue(arg));
  }
  return out;
}
