// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Principal } from '../schemas/access.ts';

declare global {
  namespace App {
    interface Locals {
      /** set by the authorisation hook; null for anonymous requests (which only public routes accept) */
      principal: Principal | null;
    }
  }
}

export {};
