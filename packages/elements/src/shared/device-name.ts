/**
 * "Firefox 133 on Linux" from a User-Agent string, with bowser (MIT). It is imported only here,
 * when a session list first shows, so pages that never show one do not download it.
 */
export async function deviceName(userAgent: string | null): Promise<{ browser: string; os: string } | null> {
  if (!userAgent) return null;
  const { default: Bowser } = await import('bowser');
  const parsed = Bowser.parse(userAgent);
  const major = parsed.browser.version?.split('.')[0];
  const browser = parsed.browser.name ? `${parsed.browser.name}${major ? ` ${major}` : ''}` : '';
  const os = parsed.os.name ?? '';
  return browser || os ? { browser: browser || '?', os: os || '?' } : null;
}
