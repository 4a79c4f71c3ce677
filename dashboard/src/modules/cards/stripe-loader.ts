/**
 * Stripe.js for the card form. In production it comes from js.stripe.com (loadStripe); a test or
 * try-out against localstripe names its fake Stripe.js (`<localstripe>/js.stripe.com/v3/`) in
 * VITE_STRIPE_JS_URL, which is loaded first so that loadStripe finds `window.Stripe` and uses it.
 */
// The pure entry point loads Stripe.js only when a card form asks for it, not on every page.
import type { Stripe } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";

const loaded = new Map<string, Promise<Stripe | null>>();

function injectScript(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`Stripe.js could not be loaded from ${url}`));
    document.head.appendChild(script);
  });
}

/** `stripeAccount`: the shop's Connect account, whose SetupIntents are only found under its id. */
export function stripeFor(publishableKey: string, stripeAccount?: string | null,
                          scriptUrl = import.meta.env.VITE_STRIPE_JS_URL as string | undefined) {
  const cacheKey = `${scriptUrl ?? ""}|${publishableKey}|${stripeAccount ?? ""}`;
  let promise = loaded.get(cacheKey);
  if (!promise) {
    promise = (scriptUrl ? injectScript(scriptUrl) : Promise.resolve()).then(() =>
      loadStripe(publishableKey, stripeAccount ? { stripeAccount } : undefined),
    );
    loaded.set(cacheKey, promise);
  }
  return promise;
}
