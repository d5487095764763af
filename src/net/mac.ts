/** MAC addresses as lower-case `aa:bb:cc:dd:ee:ff` strings, as iproute2 prints them. */
export type Mac = string;

export const ZERO_MAC: Mac = '00:00:00:00:00:00';
export const BROADCAST_MAC: Mac = 'ff:ff:ff:ff:ff:ff';

export function parseMac(text: string): Mac | null {
  return /^([0-9a-fA-F]{1,2}:){5}[0-9a-fA-F]{1,2}$/.test(text)
    ? text
        .split(':')
        .map((b) => b.padStart(2, '0').toLowerCase())
        .join(':')
    : null;
}

/** A random locally administered unicast MAC, as the kernel's eth_random_addr makes. */
export function randomMac(nextByte: () => number): Mac {
  const bytes = Array.from({ length: 6 }, nextByte);
  bytes[0] = (bytes[0] & 0xfe) | 0x02;
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

export const isMulticastMac = (mac: Mac): boolean => (parseInt(mac.slice(0, 2), 16) & 1) === 1;
