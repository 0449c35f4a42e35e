// The setup form's CORS part (Setup → CORS in Salesforce): the Allowed Origins List and the OAuth endpoints' box;
// and how Setup's one-a-line lists (these origins, the callback URLs) are read.
import { corsOriginProblem, MAX_CORS_ORIGINS } from '../corsOrigins.ts';
import type { OrgSettings } from '../org.ts';

type CorsSettings = Pick<OrgSettings, 'corsAllowedOrigins' | 'corsOAuthEndpoints'>;

/**
 * The list as typed (one pattern a line, blank lines and repeats dropped) and the box, each problem told to
 * `refuse`. A form from before these fields existed (no corsShown) keeps the saved ones: no box must not read as off.
 */
export function readCors(
  body: Record<string, unknown>,
  current: CorsSettings,
  refuse: (text: string) => void,
): CorsSettings {
  if (body.corsShown !== '1') {
    return { corsAllowedOrigins: current.corsAllowedOrigins, corsOAuthEndpoints: current.corsOAuthEndpoints };
  }
  const patterns = listedLines(body.corsAllowedOrigins);
  if (patterns.length > MAX_CORS_ORIGINS) refuse(`Enter at most ${MAX_CORS_ORIGINS} allowed origins.`);
  for (const pattern of patterns.slice(0, MAX_CORS_ORIGINS)) {
    const problem = corsOriginProblem(pattern);
    if (problem) refuse(problem);
  }
  return { corsAllowedOrigins: patterns, corsOAuthEndpoints: body.corsOAuthEndpoints === 'on' };
}

/** A textarea of one entry a line, as Setup's lists take it: lines trimmed, blank ones and repeats dropped. */
export function listedLines(field: unknown): string[] {
  return [
    ...new Set(
      String(field ?? '')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  ];
}
