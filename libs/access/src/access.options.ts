import { OidcOptions } from './oidc';

export interface AccessOptions {
  /** Trust this OpenID Connect provider's tokens as well as the node's own. */
  oidc?: OidcOptions;
}

export const ACCESS_OPTIONS = Symbol('ACCESS_OPTIONS');
