// Pure client, like the wall: the inbox lives on the socket.
export const ssr = false;
