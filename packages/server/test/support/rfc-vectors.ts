/** RFC 6238 appendix B (SHA-1 rows) and RFC 4226 appendix D: the seed is ASCII "12345678901234567890". */
export const rfcSeed = '12345678901234567890';

export const rfc6238Sha1: ReadonlyArray<{ time: number; code: string }> = [
  { time: 59, code: '94287082' },
  { time: 1111111109, code: '07081804' },
  { time: 1111111111, code: '14050471' },
  { time: 1234567890, code: '89005924' },
  { time: 2000000000, code: '69279037' },
  { time: 20000000000, code: '65353130' },
];

export const rfc4226: readonly string[] = [
  '755224',
  '287082',
  '359152',
  '969429',
  '338314',
  '254676',
  '287922',
  '162583',
  '399871',
  '520489',
];
