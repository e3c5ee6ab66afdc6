/**
 * A language model behind an OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI, Ollama, vLLM):
 * it proposes classifications with a JSON-schema answer and drafts customer updates. It never routes, and it is
 * off until {@code gateway.llm.enabled=true} and the tenant is listed in {@code gateway.llm.tenants}.
 */
package io.dispatchgateway.adapters.llm;
