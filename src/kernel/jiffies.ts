import type { World } from './world.js';

/** CONFIG_HZ of the reference kernel (timer ticks per second). */
export const HZ = 250;

/** INITIAL_JIFFIES: the counter starts 5 minutes before its 32-bit wrap, as on a 64-bit kernel. */
export const INITIAL_JIFFIES = 2 ** 32 - 300 * HZ;

/** `jiffies` at the world's virtual time (ticks since boot plus the initial offset). */
export const jiffies = (world: World): number => INITIAL_JIFFIES + Math.floor((world.clock.now * HZ) / 1000);

/** msecs_to_jiffies, rounding up as the kernel does for HZ dividing 1000. */
export const msecsToJiffies = (ms: number): number => Math.ceil((ms * HZ) / 1000);
