package io.segmentflow;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Waits for the next inbox file to finish, done or failed, and hands back its exchange. */
final class InboxCompletion extends EventNotifierSupport {
    private final CompletableFuture<Exchange> next = new CompletableFuture<>();

    static InboxCompletion watch(CamelContext context) {
        InboxCompletion watcher = new InboxCompletion();
        context.getManagementStrategy().addEventNotifier(watcher);
        ServiceHelper.startService(watcher);
        return watcher;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
        // A split's sub-exchanges (one per campaign mail) share the route id but carry their parent's id.
        if ("ingest-inbox".equals(exchange.getFromRouteId()) && exchange.getProperty(Exchange.CORRELATION_ID) == null) {
            next.complete(exchange);
        }
    }

    Exchange await(long timeout, TimeUnit unit) throws Exception {
        return next.get(timeout, unit);
    }
}
