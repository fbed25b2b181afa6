package dev.chatmodels.quarkus.deployment;

import dev.chatmodels.quarkus.runtime.devui.ChatModelsJsonRpcService;
import io.quarkus.deployment.IsDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/** The Dev UI card (dev mode only): the configured models, the {@code @Tool} beans and a chat playground. */
class DevUiProcessor {

    @BuildStep(onlyIf = IsDevelopment.class)
    CardPageBuildItem card(BuildTimeModelsBuildItem configured) {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addPage(Page.webComponentPageBuilder()
                .title("Chat models")
                .icon("font-awesome-solid:comments")
                .componentLink("qwc-chat-models.js")
                .staticLabel(String.valueOf(configured.models().size())));
        return card;
    }

    @BuildStep(onlyIf = IsDevelopment.class)
    JsonRPCProvidersBuildItem jsonRpc() {
        return new JsonRPCProvidersBuildItem(ChatModelsJsonRpcService.class);
    }
}
