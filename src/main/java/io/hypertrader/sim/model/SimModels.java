package io.hypertrader.sim.model;

import io.hypertrader.sim.SimConfig;

/**
 * The models of one run, built from a {@link SimConfig} and the run seed; each gets its own child
 * random source named after its concern ("latency", "slippage", "fill", "rejection").
 */
public record SimModels(LatencyModel latency, SlippageModel slippage, FillModel fill, FeeModel fee,
                        FundingModel funding, RejectionModel rejection, double marketMaxPct) {

    public static SimModels of(SimConfig c, long seed) {
        LatencyModel latency = switch (c.latency().model()) {
            case NONE -> new LatencyModel.None();
            case UNIFORM -> new LatencyModel.Uniform(c.latency().minMs(), c.latency().maxMs(), ModelRandom.child(seed, "latency"));
            case DRIFT -> new LatencyModel.Drift(c.latency().minMs(), c.latency().maxMs(), ModelRandom.child(seed, "latency"));
        };
        SlippageModel slippage = switch (c.slippage().model()) {
            case NONE -> new SlippageModel.None();
            case UNIFORM -> new SlippageModel.Uniform(c.slippage().minBp(), c.slippage().maxBp(), c.slippage().fullSizeUsd(),
                    ModelRandom.child(seed, "slippage"));
            case SQRT_IMPACT -> new SlippageModel.SqrtImpact(c.slippage().halfSpreadBp(), c.slippage().k());
        };
        FillModel fill = switch (c.fills().model()) {
            case IMMEDIATE -> new FillModel.Immediate();
            case RANDOM_PARTIAL -> new FillModel.RandomPartial(c.fills().partialAboveUsd(), c.fills().partialProbability(),
                    c.fills().partialMin(), c.fills().partialMax(), ModelRandom.child(seed, "fill"));
            case VOLUME_CAPPED -> new FillModel.VolumeCapped(c.fills().maxParticipation());
        };
        FeeModel fee = new FeeModel.MakerTaker(c.fees().makerBp(), c.fees().takerBp());
        FundingModel funding = switch (c.funding().model()) {
            case NONE -> new FundingModel.None();
            case HISTORICAL -> new FundingModel.Historical(c.funding().fallbackHourlyRate());
        };
        RejectionModel rejection = new RejectionModel(c.rejection().exchangeRules(), c.rejection().maxNotionalUsd(),
                c.rejection().randomRate(), ModelRandom.child(seed, "rejection"));
        return new SimModels(latency, slippage, fill, fee, funding, rejection, c.slippage().marketMaxPct());
    }
}
