package dev.freeport.config;

/**
 * The built-in demo configuration: runs with no API keys on a sandbox provider whose simulated models behave and
 * are priced like a frontier model and like open models, so routing, failover and cost reports can be tried.
 */
final class DemoConfig {

    private DemoConfig() {
    }

    static final String YAML = """
            # Freeport demo: no keys needed, everything runs in-process.
            server:
              host: 127.0.0.1
              port: ${FREEPORT_PORT:-4000}

            providers:
              sandbox:
                type: sandbox
                models:
                  frontier-sim:   { ttft: 400ms, tokens_per_second: 60,  max_output_tokens: 512, embedding_dims: 0, seed: 1 }
                  open-large-sim: { ttft: 250ms, tokens_per_second: 90,  max_output_tokens: 512, embedding_dims: 0, seed: 2 }
                  open-small-sim: { ttft: 100ms, tokens_per_second: 200, max_output_tokens: 256, embedding_dims: 0, seed: 3, error_rate: 0.02 }
                  embed-sim:      { ttft: 20ms,  tokens_per_second: 1000, embedding_dims: 256, seed: 4 }

            models:
              - name: smart
                description: frontier-class model, open model as fallback
                targets: [ sandbox/frontier-sim, sandbox/open-large-sim ]
              - name: cheap
                description: small open model first, larger open model as fallback
                targets: [ sandbox/open-small-sim, sandbox/open-large-sim ]
              - name: balanced
                description: 3 in 4 requests to the open model, 1 in 4 to the frontier model
                strategy: weighted
                targets:
                  - { provider: sandbox, model: open-large-sim, weight: 3 }
                  - { provider: sandbox, model: frontier-sim, weight: 1 }
              - name: auto
                description: easy requests to the small open model, hard ones (about 1 in 5) to the frontier model
                strategy: complexity
                strong_share: 0.2
                targets:
                  - { provider: sandbox, model: open-small-sim, role: light }
                  - { provider: sandbox, model: frontier-sim, role: strong }
              - name: thrifty
                description: the cheapest model that can serve the request
                strategy: cheapest
                targets: [ sandbox/frontier-sim, sandbox/open-large-sim, sandbox/open-small-sim ]
              - name: embed
                description: embeddings
                targets: [ sandbox/embed-sim ]

            routing:
              data_classes:   # send x-freeport-data-class: confidential to keep a request on self-hosted models
                confidential: { allow_trust: [ self-hosted ] }

            ledger:
              data_dir: ${FREEPORT_DATA_DIR:-./freeport-data}

            prices:   # USD per 1M tokens, like the real models these simulate
              "sandbox/frontier-sim":   { input: 2.00, output: 8.00, cached_input: 0.50 }    # like gpt-4.1
              "sandbox/open-large-sim": { input: 0.28, output: 0.42, cached_input: 0.028 }   # like deepseek-chat
              "sandbox/open-small-sim": { input: 0.05, output: 0.20, cached_input: 0.02 }    # like qwen-turbo
              "sandbox/embed-sim":      { input: 0.02, output: 0 }                         # like text-embedding-3-small
            """;
}
