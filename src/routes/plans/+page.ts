// Client-only: the plans screen lives on the socket and the browser clock, like the wall.
export const ssr = false;
