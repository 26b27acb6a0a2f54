// The settings domain's public face: the page over every rule declared with defineSetting.
export { listSettings, changeSetting, resetSetting, type SettingView } from "./service.ts";
