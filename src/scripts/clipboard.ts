/** Copy and Download for policy text in the browser (tool/server pages and the policy builder). */

/** Copy `text` to the clipboard (Clipboard API, else a hidden textarea). */
export function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) return navigator.clipboard.writeText(text);
  return new Promise((resolve, reject) => {
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.append(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    if (ok) resolve();
    else reject(new Error('copy failed'));
  });
}

/** Offer `text` as a file download named `filename`. */
export function downloadText(text: string, filename: string, mediaType: string): void {
  const a = document.createElement('a');
  a.download = filename;
  a.hidden = true;
  a.href = URL.createObjectURL(new Blob([text], { type: mediaType }));
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
