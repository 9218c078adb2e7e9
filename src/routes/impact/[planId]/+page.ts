// Client-rendered like the wall: the list lives on a socket.
export const ssr = false;
