/** The shell: App Bridge, the Dashboard's theme and language, the staff API, then the page for the path. */
import { AppBridgeProvider, useAppBridge, type AppBridge, type ThemeType } from "@saleor/app-sdk/app-bridge";
import { Text, ThemeProvider, useTheme } from "@saleor/macaw-ui";
import { lazy, Suspense, useEffect } from "react";
import { createBridge, insideDashboard, useBridgeState } from "./modules/app-bridge/bridge";
import { StaffApiProvider } from "./modules/graphql/StaffApiProvider";
import { LanguageProvider, useT } from "./modules/i18n/i18n";
import { languageFor } from "./modules/i18n/messages";
import { useRoute } from "./modules/routing/navigation";
import { useDashboardRouteSync } from "./modules/app-bridge/redirect";
import { NotFoundPage } from "./pages/NotFoundPage";
import { OutsideDashboardPage } from "./pages/OutsideDashboardPage";
import { PhoneOrderPage } from "./pages/PhoneOrderPage";
import { MailTemplatesPage } from "./pages/MailTemplatesPage";
import { SettingsPage } from "./pages/SettingsPage";
import { SubscriptionsPage } from "./pages/SubscriptionsPage";
import { SubscriptionPage } from "./modules/desk/detail/ui/SubscriptionPage";
import { CustomerWidget } from "./modules/desk/widgets/ui/CustomerWidget";
import { OrderWidget } from "./modules/desk/widgets/ui/OrderWidget";
import { ProductWidget } from "./modules/plans/ui/ProductWidget";
import { ProductPlansPage } from "./pages/ProductPlansPage";

// The step-mail pages (and their chart library) load when a marketer opens them, not with every page.
const StepMailsPage = lazy(() => import("./pages/StepMailsPage").then((page) => ({ default: page.StepMailsPage })));
const FunnelPage = lazy(() => import("./pages/StepMailsPage").then((page) => ({ default: page.FunnelPage })));
const FiguresPage = lazy(() => import("./pages/FiguresPage").then((page) => ({ default: page.FiguresPage })));

// One bridge for the page's life: each instance listens to the Dashboard and announces itself.
const bridge = insideDashboard() ? createBridge() : undefined;

// The bridge has no theme until the Dashboard names one (the iframe URL or a `theme` event).
const macawTheme = (theme: ThemeType | undefined) => (theme === "dark" ? "defaultDark" : "defaultLight");

function DashboardTheme({ theme }: { theme: ThemeType | undefined }) {
  const { setTheme } = useTheme();
  useEffect(() => setTheme(macawTheme(theme)), [theme, setTheme]);
  return null;
}

function Page() {
  const t = useT();
  const route = useRoute();
  const loadingStepMails = (
    <Text as="p" padding={6} color="default2">
      {t("funnels.loading")}
    </Text>
  );
  useDashboardRouteSync();
  switch (route.page) {
    case "subscriptions":
      return <SubscriptionsPage />;
    case "subscription":
      return <SubscriptionPage key={route.id} id={route.id} />;
    case "customer-widget":
      return <CustomerWidget customerId={route.customerId} />;
    case "order-widget":
      return <OrderWidget orderId={route.orderId} />;
    case "phone-order":
      return <PhoneOrderPage />;
    case "settings":
      return <SettingsPage />;
    case "mail-templates":
      return <MailTemplatesPage />;
    case "product-plans":
      return <ProductPlansPage productId={route.productId} plan={route.plan} />;
    case "product-widget":
      return <ProductWidget productId={route.productId} />;
    case "step-mails":
      return (
        <Suspense fallback={loadingStepMails}>
          <StepMailsPage />
        </Suspense>
      );
    case "funnel":
      return (
        <Suspense fallback={loadingStepMails}>
          <FunnelPage key={route.id ?? "new"} id={route.id} />
        </Suspense>
      );
    case "figures":
      return (
        <Suspense fallback={<Text as="p" padding={6} color="default2">{t("figures.loading")}</Text>}>
          <FiguresPage />
        </Suspense>
      );
    case "not-found":
      return <NotFoundPage />;
  }
}

function Connecting() {
  const t = useT();
  return (
    <Text as="p" padding={6} color="default2">
      {t("app.loading")}
    </Text>
  );
}

function DashboardApp() {
  const { appBridge } = useAppBridge();
  const state = useBridgeState();
  if (!appBridge || !state) return null;
  const { token, locale, theme } = state;
  return (
    <ThemeProvider defaultTheme={macawTheme(theme)}>
      <DashboardTheme theme={theme} />
      <LanguageProvider language={languageFor(locale)}>
        {token ? (
          <StaffApiProvider bridge={appBridge}>
            <Page />
          </StaffApiProvider>
        ) : (
          <Connecting />
        )}
      </LanguageProvider>
    </ThemeProvider>
  );
}

/** The pages inside the Dashboard, driven by `bridge`. */
export function DashboardShell({ bridge }: { bridge: AppBridge }) {
  return (
    <AppBridgeProvider appBridgeInstance={bridge}>
      <DashboardApp />
    </AppBridgeProvider>
  );
}

export function App() {
  if (bridge) return <DashboardShell bridge={bridge} />;
  return (
    <ThemeProvider>
      <LanguageProvider language={languageFor(navigator.language)}>
        <OutsideDashboardPage />
      </LanguageProvider>
    </ThemeProvider>
  );
}
