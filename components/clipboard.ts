// Copying text from the browser, for every copy button.

/**
 * Copies `text`. navigator.clipboard exists only in secure contexts (https, or localhost over
 * http): elsewhere (a HOST other than localhost over http) select a hidden textarea and copy.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
