// Client-rendered: the language follows the browser, data comes from the access API.
export const ssr = false;
