import type { Attachment } from 'svelte/attachments';

/**
 * Lets a name that does not fit on its one line wrap onto two (the element's CSS decides how, under the
 * class `two`): measured, because only the browser knows how wide "Delivery speed & delays" is in the
 * wall's font at this screen's size. Pass the text so a new name (another language) is measured again.
 */
export function twoLinesIfCut(text: string): Attachment<HTMLElement> {
  return (el) => {
    void text;
    const measure = () => {
      el.classList.remove('two');
      el.classList.toggle('two', el.scrollWidth > el.clientWidth + 1);
    };
    measure();
    // The column's width follows the screen; the text's own size changes with the class, not the width.
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  };
}
