import { page } from '$app/state';
import { createFormatters, type Formatters } from './format.ts';
import { createT, localeOf, pickLang, type Translate, type UiLang } from './index.ts';

/**
 * A screen's language: `?lang=` (a kiosk URL pins it), else the browser's preference; <html lang>
 * follows it so the browser picks CJK fonts and screen readers the right voice. Create it while a page
 * component initialises (it registers an effect); every page does the same, so it lives here once.
 */
export class PageLang {
  readonly lang: UiLang = $derived(pickLang(page.url.searchParams.get('lang'), navigator.languages));
  readonly t: Translate = $derived(createT(this.lang));
  readonly fmt: Formatters = $derived(createFormatters(this.lang, this.t));

  constructor() {
    $effect(() => {
      document.documentElement.lang = localeOf(this.lang);
    });
  }
}
