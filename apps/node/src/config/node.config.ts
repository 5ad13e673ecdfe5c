import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateIf,
  validateSync,
} from 'class-validator';
import { DEFAULT_MESSAGING_TIMINGS } from '@liandong/messaging';
import { FEDERATION_PATTERN } from '@liandong/protocol';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : value === true || value === 'true' || value === '1';

/**
 * Everything a node reads from its environment, validated once at boot. Nothing else in
 * the code reads process.env.
 */
export class NodeConfig {
  /** Path of the identity file the operator CLI wrote (key, certificate chain, root key). */
  @IsString()
  LIANDONG_IDENTITY_FILE!: string;

  @Matches(/^postgres(ql)?:\/\/.+/, {
    message: 'DATABASE_URL must be a postgres:// URL of this node’s own database',
  })
  DATABASE_URL!: string;

  @Matches(/^((nats|tls):\/\/[^,\s]+|[\w.-]+:\d+)(,((nats|tls):\/\/[^,\s]+|[\w.-]+:\d+))*$/, {
    message:
      'NATS_URL must look like nats://127.0.0.1:4222 (or several, comma-separated: a cluster’s servers)',
  })
  NATS_URL = 'nats://127.0.0.1:4222';

  /**
   * The JetStream domain that holds the key registry, for a node whose broker is a leaf node
   * with a domain of its own (a province's): central's domain, e.g. `hub`.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, {
    message: 'NATS_KEY_REGISTRY_DOMAIN must be a JetStream domain name (letters, digits, - and _)',
  })
  NATS_KEY_REGISTRY_DOMAIN?: string;

  /** File holding this node's NKey seed (SU…) when the broker requires authentication. */
  @IsOptional()
  @IsString()
  NATS_NKEY_SEED_FILE?: string;

  /** TLS to the broker: the CA (PEM) that signed the broker's certificate. */
  @IsOptional()
  @IsString()
  NATS_TLS_CA_FILE?: string;

  /** This node's client certificate and key (PEM), where the broker verifies clients. */
  @ValidateIf((c: NodeConfig) => Boolean(c.NATS_TLS_CERT_FILE || c.NATS_TLS_KEY_FILE))
  @IsString({ message: 'NATS_TLS_CERT_FILE must be set with NATS_TLS_KEY_FILE' })
  NATS_TLS_CERT_FILE?: string;

  @ValidateIf((c: NodeConfig) => Boolean(c.NATS_TLS_CERT_FILE || c.NATS_TLS_KEY_FILE))
  @IsString({ message: 'NATS_TLS_KEY_FILE must be set with NATS_TLS_CERT_FILE' })
  NATS_TLS_KEY_FILE?: string;

  /**
   * Behind a reverse proxy that ends TLS (docs/operations.md): trust its X-Forwarded-* headers
   * (the client's address for the sign-in throttle; https for Strict-Transport-Security).
   */
  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY = false;

  /** An OpenID Connect provider whose tokens this node also accepts (all three or none). */
  @ValidateIf((c: NodeConfig) => Boolean(c.OIDC_ISSUER || c.OIDC_JWKS_URL || c.OIDC_AUDIENCE))
  @IsUrl(
    { require_tld: false },
    {
      message:
        'OIDC_ISSUER must be the provider’s issuer URL (set with OIDC_JWKS_URL and OIDC_AUDIENCE)',
    },
  )
  OIDC_ISSUER?: string;

  @ValidateIf((c: NodeConfig) => Boolean(c.OIDC_ISSUER || c.OIDC_JWKS_URL || c.OIDC_AUDIENCE))
  @IsUrl(
    { require_tld: false },
    {
      message:
        'OIDC_JWKS_URL must be the provider’s JWKS URL (set with OIDC_ISSUER and OIDC_AUDIENCE)',
    },
  )
  OIDC_JWKS_URL?: string;

  @ValidateIf((c: NodeConfig) => Boolean(c.OIDC_ISSUER || c.OIDC_JWKS_URL || c.OIDC_AUDIENCE))
  @IsString({
    message:
      'OIDC_AUDIENCE must name this node’s client id at the provider (set with OIDC_ISSUER and OIDC_JWKS_URL)',
  })
  OIDC_AUDIENCE?: string;

  /**
   * The provider's authorization and token endpoints, for signing in through the console
   * (both or neither; with neither, the provider's tokens are still accepted).
   */
  @ValidateIf((c: NodeConfig) => Boolean(c.OIDC_AUTHORIZATION_URL || c.OIDC_TOKEN_URL))
  @IsUrl(
    { require_tld: false },
    {
      message:
        'OIDC_AUTHORIZATION_URL must be the provider’s authorization endpoint (set with OIDC_TOKEN_URL)',
    },
  )
  OIDC_AUTHORIZATION_URL?: string;

  @ValidateIf((c: NodeConfig) => Boolean(c.OIDC_AUTHORIZATION_URL || c.OIDC_TOKEN_URL))
  @IsUrl(
    { require_tld: false },
    {
      message:
        'OIDC_TOKEN_URL must be the provider’s token endpoint (set with OIDC_AUTHORIZATION_URL)',
    },
  )
  OIDC_TOKEN_URL?: string;

  @IsString()
  OIDC_ROLES_CLAIM = 'liandong_roles';

  @IsString()
  OIDC_USERNAME_CLAIM = 'preferred_username';

  @Matches(FEDERATION_PATTERN, { message: 'FEDERATION must be 1-32 characters of a-z, 0-9 and _' })
  FEDERATION = 'local';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  HTTP_PORT = 3000;

  @IsString()
  HTTP_HOST = '127.0.0.1';

  /** The built console (npm start builds it into dist/console); served at /console/. */
  @IsString()
  CONSOLE_DIR = 'dist/console';

  @Transform(toBool)
  @IsBoolean()
  MIGRATE_ON_BOOT = false;

  /**
   * Protocol 1.1's batched forms (batch signatures, range receipts; protocol.md §9.1). False
   * makes this node speak protocol 1.0 only: during an upgrade, a node not yet upgraded.
   */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  PROTOCOL_BATCH_FORMS = true;

  @IsIn(['debug', 'log', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'log' | 'warn' | 'error' = 'log';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  RESEND_AFTER_MS: number = DEFAULT_MESSAGING_TIMINGS.resendAfterMs;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  ENVELOPE_TTL_MS: number = DEFAULT_MESSAGING_TIMINGS.envelopeTtlMs;

  /** How often the node tells its parent where it stands in the sequences the parent delivers (protocol.md §5.5). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SYNC_INTERVAL_MS: number = DEFAULT_MESSAGING_TIMINGS.syncIntervalMs;

  /** How often the broker's stream, consumer and key registry are checked, and re-created when lost. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  BROKER_CHECK_MS: number = DEFAULT_MESSAGING_TIMINGS.brokerCheckMs;

  /** 回避: years after leaving a post during which a person may not inspect that unit. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(30)
  RECUSAL_RECENT_POST_YEARS = 3;

  /** How often rectification deadlines are swept for alerts (20 days, 10 days, overdue). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(50)
  ALERT_SWEEP_MS = 60_000;
}

/** The broker TLS settings of a node's configuration, as the NATS clients take them. */
export function natsTlsOf(
  config: NodeConfig,
): { caFile?: string; certFile?: string; keyFile?: string } | undefined {
  if (!config.NATS_TLS_CA_FILE && !config.NATS_TLS_CERT_FILE) return undefined;
  return {
    caFile: config.NATS_TLS_CA_FILE,
    certFile: config.NATS_TLS_CERT_FILE,
    keyFile: config.NATS_TLS_KEY_FILE,
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Settings without a default value, which `known` (the defaults) does not list. */
const OPTIONAL_KEYS = [
  'LIANDONG_IDENTITY_FILE',
  'DATABASE_URL',
  'NATS_NKEY_SEED_FILE',
  'NATS_KEY_REGISTRY_DOMAIN',
  'NATS_TLS_CA_FILE',
  'NATS_TLS_CERT_FILE',
  'NATS_TLS_KEY_FILE',
  'OIDC_ISSUER',
  'OIDC_JWKS_URL',
  'OIDC_AUDIENCE',
  'OIDC_AUTHORIZATION_URL',
  'OIDC_TOKEN_URL',
];

/** Validates the environment into a NodeConfig, listing every problem at once. */
export function loadNodeConfig(env: Record<string, string | undefined>): NodeConfig {
  const known = Object.keys(new NodeConfig());
  const relevant = Object.fromEntries(
    Object.entries(env).filter(
      ([key, value]) => value !== undefined && (known.includes(key) || OPTIONAL_KEYS.includes(key)),
    ),
  );
  const config = plainToInstance(NodeConfig, relevant, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`)),
    );
  }
  return config;
}
