package io.hypertrader.ops.alert;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;

/** A channel that answers from a script (deliver, or fail retryably or for good) and records when each attempt came. */
class ScriptedChannel implements AlertChannel {

    enum Answer { OK, RETRYABLE, FINAL }

    private final String name;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final LongSupplier clock;
    private final String secret;
    final List<String> attempts = Collections.synchronizedList(new ArrayList<>());
    final List<AlertEvent> delivered = Collections.synchronizedList(new ArrayList<>());
    AlertsConfig.Filter filter = AlertsConfig.Filter.ALL;

    ScriptedChannel(String name, LongSupplier clock, String secret, Answer... answers) {
        this.name = name;
        this.clock = clock;
        this.secret = secret;
        script.addAll(List.of(answers));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "scripted";
    }

    @Override
    public boolean accepts(AlertEvent e) {
        return filter.accepts(e);
    }

    @Override
    public void send(AlertEvent e) throws DeliveryException {
        attempts.add(e.kind() + "@" + clock.getAsLong());
        Answer a = script.isEmpty() ? Answer.OK : script.poll();
        switch (a) {
            case OK -> delivered.add(e);
            // A message that carries the secret, as a careless library might.
            case RETRYABLE -> throw new DeliveryException("connection reset talking to https://hooks.example/" + secret, true);
            case FINAL -> throw new DeliveryException("HTTP 403 for token " + secret, false);
        }
    }

    @Override
    public List<String> secrets() {
        return secret == null ? List.of() : List.of(secret);
    }
}
