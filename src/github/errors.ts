/** Any failure while proposing a change (locally or on GitHub); the message is French and final. */
export class ProposeError extends Error {
  override name = 'ProposeError';
}

/** A failure reported by GitHub (or GitHub unreachable), explained in French. */
export class GitHubError extends ProposeError {
  override name = 'GitHubError';
  /** HTTP status when GitHub answered. */
  readonly status: number | undefined;
  constructor(message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.status = options.status;
  }
}

interface HttpErrorLike {
  status: number;
  message: string;
  response?: { data?: unknown; headers?: Record<string, string | number | undefined> };
  cause?: unknown;
}

/** True for errors thrown by octokit for an HTTP answer or a failed request. */
export function isHttpError(error: unknown): error is HttpErrorLike {
  return error instanceof Error && typeof (error as Partial<HttpErrorLike>).status === 'number';
}

/** GitHub's message, including the first detailed validation error ("A pull request already exists…"). */
export function gitHubMessage(error: unknown): string {
  if (!isHttpError(error)) return error instanceof Error ? error.message : String(error);
  const data = error.response?.data;
  if (typeof data === 'object' && data !== null) {
    const { message, errors } = data as { message?: unknown; errors?: unknown };
    const details = Array.isArray(errors)
      ? errors
          .map((item: unknown) =>
            typeof item === 'object' && item !== null && 'message' in item ? String(item.message) : '',
          )
          .filter((text) => text !== '')
      : [];
    const parts = [typeof message === 'string' ? message : '', ...details].filter((text) => text !== '');
    if (parts.length > 0) return parts.join(' — ');
  }
  return error.message;
}

export function isTimeout(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  return (
    (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) ||
    (cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError'))
  );
}

/** 5xx answers, timeouts and network failures: the request may or may not have been carried out. */
export function isTransient(error: unknown): boolean {
  return isHttpError(error) && (error.status >= 500 || isTimeout(error));
}

export function isRateLimit(error: unknown): boolean {
  if (!isHttpError(error)) return false;
  if (error.status === 429) return true;
  return (
    error.status === 403 &&
    (/rate limit/i.test(gitHubMessage(error)) || error.response?.headers?.['x-ratelimit-remaining'] === '0')
  );
}

/** Wraps anything thrown while doing `action` (an infinitive: "créer la branche …") into a GitHubError. */
export function toGitHubError(error: unknown, action: string, repository: string): ProposeError {
  if (error instanceof ProposeError) return error;
  const prefix = /^[aeiouéèêâîôû]/i.test(action) ? `Impossible d’${action}` : `Impossible de ${action}`;
  if (!isHttpError(error)) {
    return new GitHubError(
      `${prefix} : erreur inattendue (${error instanceof Error ? error.message : String(error)}).`,
      { cause: error },
    );
  }
  const status = error.status;
  const detail = gitHubMessage(error);
  const options = { status, cause: error };
  if (isTimeout(error)) {
    return new GitHubError(
      `${prefix} : GitHub n’a pas répondu à temps. Réessayez plus tard ; relancer la même proposition ne crée pas de doublon.`,
      options,
    );
  }
  if (isRateLimit(error)) {
    return new GitHubError(
      `${prefix} : GitHub limite temporairement le nombre de requêtes (${detail}). Réessayez dans quelques minutes.`,
      options,
    );
  }
  switch (status) {
    case 401:
      return new GitHubError(
        `${prefix} : GitHub refuse le jeton (invalide ou expiré). Vérifiez GITHUB_TOKEN ou reconnectez-vous avec « gh auth login ».`,
        options,
      );
    case 403:
      return new GitHubError(
        `${prefix} : GitHub refuse l’accès à ${repository} : le jeton n’a pas la permission « Contents: write » ` +
          `(et « Pull requests: write ») — ou la portée « public_repo » pour un jeton classique. Détail : ${detail}.`,
        options,
      );
    case 404:
      return new GitHubError(
        `${prefix} : ${repository} est introuvable sur GitHub, ou le jeton n’y a pas accès. Détail : ${detail}.`,
        options,
      );
    case 409:
    case 422:
      return new GitHubError(`${prefix} : GitHub refuse la demande (${status}) : ${detail}.`, options);
    default:
      if (status >= 500) {
        return new GitHubError(
          `${prefix} : GitHub est indisponible ou injoignable (${status} : ${detail}). ` +
            'Réessayez plus tard ; relancer la même proposition ne crée pas de doublon.',
          options,
        );
      }
      return new GitHubError(`${prefix} : réponse inattendue de GitHub (${status} : ${detail}).`, options);
  }
}
