// Pure client: the wall lives on a socket and the browser clock, nothing to render on the server.
export const ssr = false;
