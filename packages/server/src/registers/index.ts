// The registers' public face (台账): what subsidy review reads — a village's registered farmland.
export { policyDocument, taxSource, taxPayment, basicData } from "./tables.ts";
export { registeredFarmland } from "./basicData.ts";
