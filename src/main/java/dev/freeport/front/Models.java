package dev.freeport.front;

import dev.freeport.error.Echo;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;

import java.util.List;

/** What the model endpoints of every front share: finding one model among those a caller may use. */
public final class Models {
    private Models() {
    }

    /** The caller's model named {@code id}; a 404 listing the caller's models when there is none. */
    public static ModelEntry find(QueryHandler.Call call, String id) {
        List<ModelEntry> models = call.models().get();
        for (ModelEntry m : models) {
            if (m.alias().equals(id)) {
                return m;
            }
        }
        throw new GatewayError(ErrorKind.NOT_FOUND, 404, "The model '" + Echo.of(id) + "' does not exist. Known models: "
                + String.join(", ", models.stream().map(ModelEntry::alias).toList()) + ".", "model",
                "model_not_found", null).toException();
    }
}
