import fc from 'fast-check';

// Property tests draw from one fixed seed so a run (and CI) is reproducible;
// FAST_CHECK_SEED=N explores another sequence, FAST_CHECK_SEED=random a fresh one.
const seed = process.env.FAST_CHECK_SEED;
if (seed !== 'random') fc.configureGlobal({ seed: seed === undefined ? 20261123 : Number(seed) });
