package dev.freeport.config;

/**
 * The built-in demo configuration: runs with no API keys on sandbox providers whose simulated models behave and
 * are priced like a frontier model and like open models, from three vendors in different jurisdictions (a US
 * frontier lab, an EU-hosted open-model API, self-hosted), so routing, failover, the kill switch, the outage drill,
 * policies and cost reports can be tried.
 */
final class DemoConfig {

    private DemoConfig() {
    }

    static final String YAML = """
            # Freeport demo: no keys needed, everything runs in-process. Three simulated vendors, so the kill switch,
            # the outage drill, policies and the concentration report have something to show.
            server:
              host: 127.0.0.1
              port: ${FREEPORT_PORT:-4000}

            providers:
              frontierlab:    # a frontier-model lab's API (like OpenAI or Anthropic): US company, public API
                type: sandbox
                vendor: frontierlab
                jurisdiction: US
                region: US
                trust: public
                models:
                  frontier-sim:   { ttft: 400ms, tokens_per_second: 60,  max_output_tokens: 512, embedding_dims: 0, seed: 1 }
              opencloud:      # a hosted open-model API (like Mistral or DeepSeek): French company, hosted in the EU
                type: sandbox
                vendor: opencloud
                jurisdiction: FR
                region: EU
                trust: public
                models:
                  open-large-sim: { ttft: 250ms, tokens_per_second: 90,  max_output_tokens: 512, embedding_dims: 0, seed: 2 }
              sandbox:        # open models on your own GPUs (like vLLM): vendor self, self-hosted
                type: sandbox
                models:
                  open-small-sim: { ttft: 100ms, tokens_per_second: 200, max_output_tokens: 256, embedding_dims: 0, seed: 3, error_rate: 0.02 }
                  embed-sim:      { ttft: 20ms,  tokens_per_second: 1000, embedding_dims: 256, seed: 4 }

            models:
              - name: smart
                description: frontier-class model, the hosted open model as fallback
                targets: [ frontierlab/frontier-sim, opencloud/open-large-sim ]
              - name: cheap
                description: small self-hosted open model first, the hosted open model as fallback
                targets: [ sandbox/open-small-sim, opencloud/open-large-sim ]
              - name: balanced
                description: 3 in 4 requests to the hosted open model, 1 in 4 to the frontier model
                strategy: weighted
                targets:
                  - { provider: opencloud, model: open-large-sim, weight: 3 }
                  - { provider: frontierlab, model: frontier-sim, weight: 1 }
              - name: auto
                description: easy requests to the small open model, hard ones (about 1 in 5) to the frontier model
                strategy: complexity
                strong_share: 0.2
                targets:
                  - { provider: sandbox, model: open-small-sim, role: light }
                  - { provider: frontierlab, model: frontier-sim, role: strong }
              - name: thrifty
                description: the cheapest model that can serve the request
                strategy: cheapest
                targets: [ frontierlab/frontier-sim, opencloud/open-large-sim, sandbox/open-small-sim ]
              - name: embed
                description: embeddings
                targets: [ sandbox/embed-sim ]

            routing:
              data_classes:   # send x-freeport-data-class: confidential (or personal) to see a request kept in bounds
                confidential: { allow_trust: [ self-hosted ] }
                personal:     { allow_jurisdictions: [ EU ] }

            ledger:
              data_dir: ${FREEPORT_DATA_DIR:-./freeport-data}

            prices:   # USD per 1M tokens, like the real models these simulate
              "frontierlab/frontier-sim": { input: 2.00, output: 8.00, cached_input: 0.50 }    # like gpt-4.1
              "opencloud/open-large-sim": { input: 0.28, output: 0.42, cached_input: 0.028 }   # like deepseek-chat
              "sandbox/open-small-sim":   { input: 0.05, output: 0.20, cached_input: 0.02 }    # like qwen-turbo
              "sandbox/embed-sim":        { input: 0.02, output: 0 }                         # like text-embedding-3-small
            """;
}
