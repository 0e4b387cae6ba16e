/**
 * Run profiles: `quick` (CI smoke test), `default` (the rendered report, minutes on 2 CPU
 * cores) and `paper` (the documents' own sizes; meant for a GPU). Chosen by the PROFILE
 * environment variable; each notebook declares its sizes for all three in one cell.
 */
export const PROFILES = ['quick', 'default', 'paper'] as const;
export type Profile = (typeof PROFILES)[number];

/** The active profile, from PROFILE (default `default`); an unknown name throws. */
export function activeProfile(env: Record<string, string | undefined> = process.env): Profile {
  const raw = (env.PROFILE ?? 'default').trim();
  if (!(PROFILES as readonly string[]).includes(raw)) {
    throw new RangeError(`PROFILE must be one of ${PROFILES.join(', ')}, but got '${raw}'`);
  }
  return raw as Profile;
}

/** Pick the sizes for a profile: `bySize({quick: {...}, default: {...}, paper: {...}})`. */
export function bySize<T>(sizes: Record<Profile, T>, profile: Profile = activeProfile()): T {
  if (!(PROFILES as readonly string[]).includes(profile)) throw new RangeError(`profile must be one of ${PROFILES.join(', ')}, but got '${String(profile)}'`);
  if (sizes?.[profile] === undefined) throw new RangeError(`bySize: the sizes declare no '${profile}' profile (they have ${sizes ? Object.keys(sizes).join(', ') : String(sizes)})`);
  return sizes[profile];
}
