// Pure client: the page lives on a socket, nothing to render on the server.
export const ssr = false;
