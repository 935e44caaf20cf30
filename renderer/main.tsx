import "./api/zod-config"; // first: before any zod schema is built
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { getApi } from "./api";
import { ApiProvider } from "./api/api-context";
import { App } from "./app";
import "./styles/app.css";

const queryClient = new QueryClient({
  defaultOptions: {
    // Errors carry a code and a sentence to show; retrying a refused path or a stopped engine only delays it.
    queries: { retry: 1, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ApiProvider api={getApi()}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </ApiProvider>
  </StrictMode>,
);
