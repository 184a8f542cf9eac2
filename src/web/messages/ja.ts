/**
 * Every user-facing string, Japanese first. `en.ts` has the same keys (checked by a test).
 * Group by capability; functions take the values they interpolate.
 */
export const ja = {
  app: {
    name: "協働",
    fullName: "Kyōdō 協働推進計画 進行管理システム",
    skipToContent: "本文へ移動",
    mainNav: "メインメニュー",
    footer: "Kyōdō — 協働推進計画の策定・進行管理・公表のためのオープンソースシステム",
    noOrganisation: "団体が登録されていません",
  },
  nav: {
    home: "ホーム",
    plans: "計画",
    progress: "進捗報告",
    reports: "報告書",
    registries: "団体・協働事業",
    portal: "公開ページ",
    admin: "管理",
    signIn: "ログイン",
    signOut: "ログアウト",
  },
  home: {
    title: "ホーム",
    lead: "協働推進計画の施策体系・数値目標・進捗状況を一元管理し、報告書とオープンデータを公表します。",
    organisations: "登録団体",
    departments: (n: number) => `${n}課`,
    gettingStarted: "はじめに",
    steps: [
      "計画を登録する（Excel・CSV・PDFから取り込めます）",
      "年度ごとに進捗報告を依頼し、各課が入力する",
      "集計は自動で行われ、報告書とオープンデータとして公表する",
    ],
  },
  errors: {
    notFoundTitle: "ページが見つかりません",
    notFoundBody: "お探しのページは見つかりませんでした。URLをご確認いただくか、ホームからお探しください。",
    serverErrorTitle: "システムエラーが発生しました",
    serverErrorBody: (id: string) =>
      `処理中に予期しないエラーが発生しました。お手数ですが、時間をおいて再度お試しください。お問い合わせの際は、エラー番号「${id}」をお伝えください。`,
    backHome: "ホームへ戻る",
    badRequestTitle: "リクエストが正しくありません",
  },
  health: {
    ok: "正常",
    databaseDown: "データベースに接続できません",
  },
} as const;

type Widen<T> = T extends (...args: infer A) => string
  ? (...args: A) => string
  : T extends readonly string[]
    ? readonly string[]
    : T extends string
      ? string
      : { [K in keyof T]: Widen<T[K]> };

/** The shape every language must provide. */
export type Messages = Widen<typeof ja>;
