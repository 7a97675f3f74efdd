package dev.freeport.cli;

import dev.freeport.config.ConfigLoader;
import dev.freeport.config.FreeportConfig;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.server.Gateway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code freeport demo}: the gateway on 127.0.0.1 with built-in sandbox models (priced like a frontier model and
 * like open models), no keys, no network. {@code --traffic N} sends a sample workload through it and prints the
 * usage table, then exits.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the gateway on built-in simulated models: no API keys, no network.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "4000", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--data-dir", defaultValue = "freeport-data", description = "Where the ledger lives (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--traffic", defaultValue = "0", description = "Send N sample requests through the gateway, print the usage table and exit.")
    int traffic;

    @Override
    public Integer call() throws Exception {
        FreeportConfig cfg = ConfigLoader.demo(port, dataDir.toAbsolutePath());
        Gateway gateway = Launch.start(cfg, null, JournaledLedger.open(cfg.ledger()));
        if (gateway == null) {
            return 1;
        }
        String base = "http://127.0.0.1:" + gateway.port();
        if (traffic > 0) {
            System.out.println("freeport demo on " + base + ": sending " + traffic + " sample requests ...");
            DemoTraffic.Result r = DemoTraffic.send(base, traffic);
            System.out.println(r.summary());
            gateway.ledger().flush();
            System.out.println();
            System.out.println(UsageCommand.render(cfg.ledger().dataDir(), java.time.Duration.ofHours(24), "alias",
                    false));
            gateway.close();
            return 0;
        }
        System.out.println(banner(base, cfg));
        ServeCommand.serving = true;
        return 0;
    }

    private static String banner(String base, FreeportConfig cfg) {
        String models = String.join(", ", cfg.models().stream().map(m -> m.name()).toList());
        return """
                Freeport demo is running on %1$s (simulated models, no keys, no network).
                Models: %2$s

                Try it:
                  curl -s %1$s/v1/models
                  curl -s %1$s/v1/chat/completions -H 'content-type: application/json' \\
                    -d '{"model":"cheap","messages":[{"role":"user","content":"Say hello"}]}'
                  curl -sN %1$s/v1/chat/completions -H 'content-type: application/json' \\
                    -d '{"model":"smart","stream":true,"messages":[{"role":"user","content":"Tell me a story"}]}'

                OpenAI SDK (Python):
                  from openai import OpenAI
                  client = OpenAI(base_url="%1$s/v1", api_key="unused")
                  print(client.chat.completions.create(model="smart",
                        messages=[{"role": "user", "content": "Hello"}]).choices[0].message.content)

                Spend so far:  ./freeport usage --since 1h --data-dir %3$s
                Stop with Ctrl-C.
                """.formatted(base, models, cfg.ledger().dataDir());
    }
}
