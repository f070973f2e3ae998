<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>examples</name>
    <message>
        <source>Article 1 · BCELoss: cat/dog and multi-label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BCELoss on sigmoid(logits), cat/dog batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Three logits [-0.8, 0.7, 0.5] for labels [dog, cat, cat] = [1, 0, 0]: sigmoid gives [0.3100, 0.6682, 0.6225]; the losses are [1.1711, 1.1032, 0.9741], their sum 3.2484 and mean 1.0828 (switch the reduction).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BCEWithLogitsLoss, cat/dog batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same batch with the sigmoid built into the loss: identical numbers (1.1711, 1.1032, 0.9741; sum 3.2484; mean 1.0828).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multi-label: BCEWithLogitsLoss, 2 images × 3 labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cat/dog/person present or not in two images: the mean of six binary losses is 0.9995.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multi-label: MultiLabelSoftMarginLoss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same batch: MultiLabelSoftMarginLoss averages per image and gives the same 0.9995.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Article 2 · BCE, BCEWithLogits and KL distillation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BCELoss on sigmoid of the same numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the numbers as logits (sigmoid first): 0.7678, exactly what BCEWithLogitsLoss gives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BCELoss on probabilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same probabilities without weights: 0.5912 (nn.BCELoss and F.binary_cross_entropy agree).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F.binary_cross_entropy with a per-element weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probabilities [[0.5, 1.0, 0.8], [0.2, 0.4, 0.6]] (raw mode), one-hot targets and weights [[0.1, 0.9, 0.1], [0.1, 0.1, 0.9]]: 0.1272.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BCELoss refuses values outside [0, 1]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same [[5, 1, 8], [2, 4, 6]] given to BCELoss as probabilities (raw mode): torch raises &apos;all elements of input should be between 0 and 1&apos;. Switch the input to logits to see 3.2446.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BCEWithLogitsLoss accepts any real logits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logits [[5, 1, 8], [2, 4, 6]] are fine for BCEWithLogitsLoss: 3.2446.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BCEWithLogitsLoss on the same numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sigmoid inside the loss: 0.7678, as BCELoss on sigmoid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KLDivLoss for distillation (batchmean)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student logits [[0.5, 1.0, 0.8], [0.2, 0.4, 0.6]] through log-softmax against teacher probabilities: 0.0578 per sample.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Article 3 · softmax vs sigmoid cross-entropy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BCEWithLogitsLoss: the same logits, one-hot [0, 1, 0]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Three independent binary losses averaged: 0.9733, not the 0.0486 a softmax-style reading would suggest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CrossEntropyLoss: logits [2, 3, 0.1], class 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Softmax gives [0.2585, 0.7028, 0.0387]; the loss is -log 0.7028 = 0.3527. (The article&apos;s BCEWithLogitsLoss with the class index [1] as target fails with a size mismatch: switch the loss to BCEWithLogitsLoss to see torch&apos;s error and the one-hot fix — or open the one-hot example.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Article 4 · NLLLoss, CrossEntropyLoss and BCE compared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CrossEntropyLoss: 3 samples × 5 classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixed numbers for the article&apos;s torch.randn(3, 5) batch with targets [3, 0, 2]: 0.7150.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NLLLoss on log_softmax = CrossEntropyLoss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same batch through log-softmax and NLLLoss: the same value as CrossEntropyLoss, 0.7150.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Article 5 · built-in losses: BCE weight, L1/MSE/SmoothL1, NLL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BCELoss weight of shape (5,): whole columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A (5,) weight [1, 1, 0, 0, 0] broadcasts over columns: only the first two classes count. Shown broadcast to the (4, 5) grid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BCELoss weight of shape (4, 1): whole rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A (4, 1) weight [[0], [0], [1], [1]] broadcasts over each row: the first two samples count for nothing. Shown here broadcast to the (4, 5) grid. (A (4,) weight cannot broadcast to (4, 5): torch raises.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L1Loss: mean absolute error</source>
        <translation>L1Loss：平均绝对误差</translation>
    </message>
    <message>
        <source>The same residuals: mean 1.05.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MSELoss: mean squared error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same residuals: mean 1.635.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NLLLoss with class weights and ignore_index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weight [1, 2, 0.5], ignore_index = 1: the mean divides by the summed weights of the counted targets only: 0.4800.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SmoothL1Loss: squared below beta = 1, linear above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residuals [0.2, -0.5, 1.5, 2.0]: losses [0.02, 0.125, 1.0, 1.5].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss families</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary: BCEWithLogitsLoss with pos_weight = 3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pos_weight multiplies the loss of positive targets, for rare positives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multi-class: CrossEntropyLoss, label_smoothing = 0.1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smoothing moves 10% of each target&apos;s mass evenly to all classes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Divergence: KLDivLoss, reduction = &apos;mean&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;mean&apos; divides by every element, not by the batch size; torch warns that &apos;batchmean&apos; gives the KL divergence (switch to compare).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regression: HuberLoss, delta = 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quadratic near zero, linear for large residuals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Margin: MultiMarginLoss (multi-class hinge)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each wrong class must score at least margin below the right one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranking: MarginRankingLoss, margin = 0.5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target 1 asks input1 to rank above input2 by the margin, -1 the reverse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranking: TripletMarginLoss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pull the anchor towards the positive, push it from the negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequence: CTCLoss, 6 frames, labels [1, 2, 2]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CTC sums over every alignment of the labels to the frames; the repeated 2 needs a blank between its frames.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CosineEmbeddingLoss: its default example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cosine loss: similar pairs (y=1) should align, dissimilar ones not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GaussianNLLLoss: its default example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negative log-likelihood of a target under N(input, var).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HingeEmbeddingLoss: its default example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x for similar pairs (y=1), max(0, margin - x) for dissimilar (y=-1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LogCoshLoss: its default example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log(cosh(x - y)): quadratic near 0, linear for large errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MultiLabelMarginLoss: its default example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multi-label hinge: each listed class must beat each unlisted one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PoissonNLLLoss: its default example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negative log-likelihood of a Poisson target given its (log) rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poly1CrossEntropyLoss: its default example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cross-entropy plus ε·(1 - p_t): the Poly-1 loss (Leng et al. 2022).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SoftDiceLoss: its default example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 - soft Dice overlap per sample, on probabilities.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SoftMarginLoss: its default example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logistic loss on ±1 labels: a smooth hinge on y·x.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SquaredHingeLoss: its default example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max(0, margin - y·x)²: the L2-SVM loss for labels ±1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TripletMarginWithDistanceLoss: its default example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triplet margin loss with a chosen distance function.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sigmoid_focal_loss: its default example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Focal loss (torchvision): BCE with logits scaled by (1 - p_t)^γ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
