import { builtEntry, packageDir } from './builtPackages';
import { type BundleSizes, bundle, bundleError, exportsOf, sizesOf } from './bundleSize';

/**
 * What an app that only places PSTN calls imports from the core: the base each feature is measured over. The
 * same import as the PSTN-only entry of `.size-limit.json`.
 */
export const PSTN_CORE_IMPORTS = [
  'createTeamsEndpoint',
  'parsePhoneNumber',
  'remotePartyName',
  'describeEndReason',
] as const;

/**
 * The Teams feature units, each with a string only its own code holds (a message it shows or throws, a field
 * of its snapshot), to tell from a bundle's text whether the unit is in it. Each marker is checked to be in
 * its unit's bundle too, so that a reworded message cannot make the tree-shaking check pass by itself.
 */
export const TEAMS_FEATURES = [
  { unit: 'callCaptions', marker: 'does not support that' },
  { unit: 'callRaisedHands', marker: 'isHandRaised' },
  { unit: 'callRecording', marker: 'This call is being recorded' },
  { unit: 'callSpotlight', marker: 'Only someone in the call can be spotlighted' },
  { unit: 'callLobby', marker: 'That person is not in the lobby' },
  { unit: 'callDiagnostics', marker: 'Your network is slow' },
] as const;
export type TeamsFeatureUnit = (typeof TEAMS_FEATURES)[number]['unit'];

/** The plumbing every feature unit shares (`createFeatureUnit`'s error), which no unit imported must leave out too. */
export const FEATURE_PLUMBING = {
  unit: 'feature-unit plumbing',
  marker: 'This is not a call of a Teams endpoint',
};

export interface FeatureCost {
  readonly unit: TeamsFeatureUnit;
  readonly marker: string;
  /** The built core does not export the unit (yet): not measured. */
  readonly missing?: true;
  /** The PSTN-only import with this unit. */
  readonly sizes?: BundleSizes;
  /** What the unit adds over the PSTN-only import. */
  readonly added?: BundleSizes;
  readonly markerInOwnBundle?: boolean;
  readonly error?: string;
}

export interface FeatureCostResult {
  readonly base: {
    readonly sizes?: BundleSizes;
    /** The units (and the shared plumbing) whose code the PSTN-only import holds: none when they tree-shake. */
    readonly featureCodeFound: readonly string[];
    readonly error?: string;
  };
  readonly features: readonly FeatureCost[];
}

const difference = (a: BundleSizes, b: BundleSizes): BundleSizes => ({
  minifiedBytes: a.minifiedBytes - b.minifiedBytes,
  gzipBytes: a.gzipBytes - b.gzipBytes,
  brotliBytes: a.brotliBytes - b.brotliBytes,
});

/**
 * Section 6. The PSTN-only import of the built core, alone and with each feature unit, bundled as the entries
 * of section 5 are; each unit's cost is the difference. The bundles' text tells whether the PSTN-only import
 * holds any feature's code.
 */
export async function measureFeatureCosts(core: string = builtEntry('core')): Promise<FeatureCostResult> {
  const exported = await exportsOf(core);
  const entry = (names: readonly string[]) => ({
    name: names.join(', '),
    contents: `export { ${names.join(', ')} } from ${JSON.stringify(core)};`,
    resolveDir: packageDir('core'),
    external: [],
    comparison: false,
  });
  const measureText = async (names: readonly string[]) => {
    const { code } = await bundle(entry(names));
    return { sizes: sizesOf(code), text: new TextDecoder().decode(code) };
  };

  let base: { sizes: BundleSizes; text: string };
  try {
    base = await measureText(PSTN_CORE_IMPORTS);
  } catch (error) {
    return { base: { featureCodeFound: [], error: bundleError(error) }, features: [] };
  }
  const features = await Promise.all(
    TEAMS_FEATURES.map(async ({ unit, marker }): Promise<FeatureCost> => {
      if (!exported.has(unit)) return { unit, marker, missing: true };
      try {
        const { sizes, text } = await measureText([...PSTN_CORE_IMPORTS, unit]);
        return {
          unit,
          marker,
          sizes,
          added: difference(sizes, base.sizes),
          markerInOwnBundle: text.includes(marker),
        };
      } catch (error) {
        return { unit, marker, error: bundleError(error) };
      }
    }),
  );
  const featureCodeFound = [...TEAMS_FEATURES, FEATURE_PLUMBING]
    .filter(({ marker }) => base.text.includes(marker))
    .map(({ unit }) => unit);
  return { base: { sizes: base.sizes, featureCodeFound }, features };
}
