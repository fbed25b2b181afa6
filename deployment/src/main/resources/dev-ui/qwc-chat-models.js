import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/grid';
import '@vaadin/grid/vaadin-grid-sort-column.js';
import '@vaadin/select';
import '@vaadin/text-area';
import '@vaadin/button';
import '@vaadin/details';

/**
 * The chat models card: every configured model (keys never shown), the @Tool beans with their schemas, and a
 * playground that streams a conversation's tokens, tool calls and usage as they arrive.
 */
export class QwcChatModels extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 1em; padding: 1em; }
        .playground { display: flex; flex-direction: column; gap: .5em; }
        .answer { white-space: pre-wrap; font-family: var(--lumo-font-family); border: 1px solid var(--lumo-contrast-20pct);
                  border-radius: var(--lumo-border-radius-m); padding: .5em; min-height: 3em; }
        pre { white-space: pre-wrap; font-size: var(--lumo-font-size-s); }
        .error { color: var(--lumo-error-text-color); }
    `;

    static properties = {
        _models: { state: true },
        _tools: { state: true },
        _model: { state: true },
        _conversation: { state: true },
        _answer: { state: true },
        _toolCalls: { state: true },
        _request: { state: true },
        _response: { state: true },
        _usage: { state: true },
        _error: { state: true },
        _running: { state: true },
    };

    constructor() {
        super();
        this._models = [];
        this._tools = [];
        this._conversation = '[{"role": "user", "content": "Hello!"}]';
        this._reset();
    }

    connectedCallback() {
        super.connectedCallback();
        this.jsonRpc.getModels().then(r => {
            this._models = r.result;
            this._model = this._models.length ? this._models[0].name : null;
        });
        this.jsonRpc.getTools().then(r => this._tools = r.result);
    }

    disconnectedCallback() {
        this._stream?.cancel();
        super.disconnectedCallback();
    }

    _reset() {
        this._answer = '';
        this._toolCalls = '';
        this._request = null;
        this._response = null;
        this._usage = null;
        this._error = null;
    }

    render() {
        return html`
            <vaadin-grid .items=${this._models} theme="row-stripes" all-rows-visible>
                <vaadin-grid-sort-column path="name" header="Name"></vaadin-grid-sort-column>
                <vaadin-grid-sort-column path="provider" header="Provider"></vaadin-grid-sort-column>
                <vaadin-grid-sort-column path="model" header="Model"></vaadin-grid-sort-column>
                <vaadin-grid-column path="baseUrl" header="Base URL"></vaadin-grid-column>
                <vaadin-grid-column path="requestsPerSecond" header="Requests/s"></vaadin-grid-column>
                <vaadin-grid-column path="maxRetries" header="Retries"></vaadin-grid-column>
                <vaadin-grid-column header="Fallbacks" .renderer=${(root, col, m) => root.textContent = m.item.fallbacks.join(', ')}></vaadin-grid-column>
                <vaadin-grid-column header="Profile" .renderer=${(root, col, m) => root.textContent = this._profile(m.item.profile)}></vaadin-grid-column>
            </vaadin-grid>
            <vaadin-details summary="@Tool beans (${this._tools.length} tools)">
                ${this._tools.map(t => html`<div><b>${t.bean}.${t.name}</b> ${t.description ?? ''}<pre>${JSON.stringify(t.schema, null, 2)}</pre></div>`)}
            </vaadin-details>
            <div class="playground">
                <vaadin-select label="Model" .items=${this._models.map(m => ({ label: m.name, value: m.name }))}
                    .value=${this._model ?? ''} @value-changed=${e => this._model = e.detail.value}></vaadin-select>
                <vaadin-text-area label="Conversation (JSON array of messages)" .value=${this._conversation}
                    @value-changed=${e => this._conversation = e.detail.value}></vaadin-text-area>
                <vaadin-button theme="primary" ?disabled=${this._running || !this._model} @click=${this._send}>Send</vaadin-button>
                <div class="answer">${this._answer}</div>
                ${this._toolCalls ? html`<pre>tool calls: ${this._toolCalls}</pre>` : ''}
                ${this._usage ? html`<div>usage: ${this._usage.inputTokens} in, ${this._usage.outputTokens} out</div>` : ''}
                ${this._error ? html`<div class="error">${this._error}</div>` : ''}
                ${this._request ? html`<vaadin-details summary="Request messages"><pre>${JSON.stringify(this._request, null, 2)}</pre></vaadin-details>` : ''}
                ${this._response ? html`<vaadin-details summary="Response message"><pre>${JSON.stringify(this._response, null, 2)}</pre></vaadin-details>` : ''}
            </div>
        `;
    }

    _profile(profile) {
        const parts = [];
        if (profile.max_input_tokens) parts.push(`${profile.max_input_tokens} in`);
        if (profile.max_output_tokens) parts.push(`${profile.max_output_tokens} out`);
        if (profile.input_cost !== undefined) parts.push(`$${profile.input_cost}/$${profile.output_cost} per Mtok`);
        return parts.join(', ');
    }

    _send() {
        this._reset();
        this._running = true;
        this._stream = this.jsonRpc.chat({ name: this._model, conversation: this._conversation }).onNext(r => {
            const event = r.result;
            if (event.type === 'start') {
                this._request = event.request;
            } else if (event.type === 'token') {
                this._answer += event.text;
                if (event.toolCallChunks.length) {
                    this._toolCalls += event.toolCallChunks.map(c => (c.name ? `\n${c.name} ` : '') + (c.args ?? '')).join('');
                }
            } else if (event.type === 'end') {
                this._response = event.response;
                this._usage = event.usage;
                this._running = false;
            } else {
                this._error = event.error;
                this._running = false;
            }
        }).onError(e => {
            this._error = JSON.stringify(e);
            this._running = false;
        });
    }
}
customElements.define('qwc-chat-models', QwcChatModels);
