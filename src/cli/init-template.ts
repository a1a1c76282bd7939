/** The starter `telemetry.config.yaml` that `decotel init` writes; `decotel validate` accepts it. */
export const STARTER_CONFIG = `# telemetry.config.yaml: where decotel sends events (https://github.com/decotel/decotel#configuration)
# Check it with: npx decotel validate    See where an event goes: npx decotel route checkout.failed
telemetry:
  enabled: true                 # TELEMETRY_ENABLED=0 or DO_NOT_TRACK=1 turn everything off
  debug: false                  # print SDK faults and first drops to the console
  service:
    name: my-service
    version: 0.1.0
    environment: \${NODE_ENV:-development}

  sampling:
    rate: 1.0                   # keep every event unless a rule says otherwise
    rules:
      - events: ["debug.*"]
        rate: 0.1               # keep 10 % of debug events

  privacy:                      # passwords, tokens, cookies and API keys are redacted by default
    hash_keys: [user_id, email] # replaced by the first 16 hex of SHA-256(salt + value)
    hash_salt: \${TELEMETRY_SALT:-change-me}
    scrub_strings: true         # JWTs, bearer tokens, API keys and emails removed from text
    include_stack: false

  destinations:
    console:
      type: console
      format: pretty            # or json
      events: ["*.failed", "error.*"]
    collector:
      type: http
      enabled: false            # turn on once a collector runs: npx decotel collect
      url: \${COLLECTOR_URL:-http://127.0.0.1:4318/v1/events}
      format: json              # json | otlp | umami
      events: ["*"]
      exclude: ["debug.*"]
      batch: { max_size: 100, flush_interval_ms: 10000, max_queue_size: 10000 }
      retry: { max_retries: 3, base_delay_ms: 1000 }
`;
