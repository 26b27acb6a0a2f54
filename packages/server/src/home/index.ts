// The home pages' face: domains type their cards with HomeCard; the composition root registers them.
export { registerHomeCard, registeredHomeCards, audienceOf, homeCards, type HomeCard, type HomeContext, type HomeAudience } from "./registry.ts";
export { overdueMattersCard } from "./overdueCard.ts";
