package dev.chatmodels.it;

import dev.chatmodels.message.AIMessage;
import dev.chatmodels.model.BatchResult;

/** One input's outcome in a batch: its answer or its error. */
public record BatchItemView(int index, MessageView answer, ErrorView error) {

    public static BatchItemView of(BatchResult<AIMessage> result) {
        return result.isSuccess() ? new BatchItemView(result.index(), MessageView.of(result.value()), null)
                : new BatchItemView(result.index(), null, ErrorView.of(result.error()));
    }
}
